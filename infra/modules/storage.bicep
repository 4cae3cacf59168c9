// One storage account: the Functions host's own state (AzureWebJobsStorage), the Flex deployment package, and the
// portal's blobs. Shared key access is off: every client, the host included, signs in with the managed identity.
param name string
param location string
param tags object
param principalId string

@description('Holds the zip that Flex Consumption runs; functionAppConfig.deployment points at it.')
param deploymentContainer string = 'deployment'

@description('The portal\'s containers; must equal BlobContainers.All in functions/ResponsePortal/Blobs/IBlobStore.cs.')
param portalContainers array = [
  'attachments'
  'exports'
  'mail'
  'dataprotection-keys'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    accessTier: 'Hot'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for container in concat([deploymentContainer], portalContainers): {
  parent: blobService
  name: container
  properties: { publicAccess: 'None' }
}]

// Storage Blob Data Owner (host leases, deployment package, portal blobs), Queue and Table Data Contributor (the host
// keeps timer and trigger state there when AzureWebJobsStorage is identity-based).
var roles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
]

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in roles: {
  name: guid(account.id, principalId, role)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}]

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output deploymentContainerUrl string = '${account.properties.primaryEndpoints.blob}${deploymentContainer}'
