// Service Bus Standard (queues with dead-lettering; Basic lacks nothing we need but topics, Standard keeps that door
// open), local auth off. Queue names must equal the queueName values in functions/*/function.json.
param name string
param location string
param tags object
param principalId string

@description('The pipeline queues: match (ListingChanged -> MatchListing) and notify (MatchListing -> NotifyMatch).')
param queueNames array = [
  'match'
  'notify'
]

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource queues 'Microsoft.ServiceBus/namespaces/queues@2022-10-01-preview' = [for queue in queueNames: {
  parent: namespace
  name: queue
  properties: {
    // A handler failure answers non-2xx, the message comes back; after 10 deliveries it is dead-lettered.
    maxDeliveryCount: 10
    lockDuration: 'PT1M'
    defaultMessageTimeToLive: 'P14D'
    deadLetteringOnMessageExpiration: true
    requiresDuplicateDetection: false
    enablePartitioning: false
  }
}]

// Azure Service Bus Data Sender + Data Receiver: least privilege for output bindings and triggers.
var roles = [
  '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39'
  '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0'
]

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in roles: {
  name: guid(namespace.id, principalId, role)
  scope: namespace
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]

output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
