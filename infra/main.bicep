// ResponsePortal, scale-out mode: Function App (Flex Consumption, custom handler) + Cosmos DB (serverless) +
// Service Bus (Standard) + Storage + Application Insights, one user-assigned identity, no keys anywhere.
// Deploy: docs/deploy.md.   az deployment group create -g RG -f infra/main.bicep -p infra/main.bicepparam
targetScope = 'resourceGroup'

@description('Short lowercase prefix for resource names, e.g. "rp-hh".')
@minLength(3)
@maxLength(12)
param namePrefix string

param location string = resourceGroup().location

param tags object = {
  app: 'ResponsePortal'
}

@description('Cosmos DB database; function.json refers to it as %CosmosDatabaseName%.')
param cosmosDatabaseName string = 'portal'

@description('The portal\'s public address for links in mails, e.g. https://portal.example.org (empty: the app\'s own host name).')
param publicBaseUrl string = ''

@description('Base64, at least 32 bytes: signs management links (docs/decisions/0004). Better a Key Vault reference.')
@secure()
param manageLinkSecret string

@description('Azure Communication Services SMTP relay (docs/deploy.md); empty host: mails go to the pickup folder (lost on Flex).')
param smtpHost string = 'smtp.azurecomm.net'
param smtpPort int = 587
@description('ACS SMTP username: <ACS resource name>.<Entra app client id>.<tenant id>, or the SMTP username resource name.')
param smtpUser string = ''
@secure()
param smtpPassword string = ''
param smtpFrom string = 'ResponsePortal <DoNotReply@example.org>'

@description('NCRONTAB for the Housekeeping function (six fields, seconds first).')
param housekeepingSchedule string = '0 */15 * * * *'

param maximumInstanceCount int = 40
@allowed([ 512, 2048, 4096 ])
param instanceMemoryMB int = 2048

@description('Entra app registration (client id) for App Service authentication; empty: no sign-in in front of the app.')
param authClientId string = ''
param authTenantId string = tenant().tenantId
@description('Client secret of that app registration (App Service authentication\'s sign-in flow).')
@secure()
param authClientSecret string = ''

@description('Paths open without sign-in; everything else (the dashboards) requires it. "/x/*" covers everything below /x.')
param publicPaths array = [
  '/'
  '/offers/*'
  '/requests/*'
  '/manage/*'
  '/respond/*'
  '/language'
  '/api/offers'
  '/api/offers/*'
  '/api/requests'
  '/api/requests/*'
  '/api/manage/*'
  '/api/catalog/*'
  '/openapi/*'
  '/healthz'
  '/css/*'
  '/js/*'
  '/favicon.ico'
]

var suffix = uniqueString(resourceGroup().id, namePrefix)

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: '${namePrefix}-identity'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    namePrefix: namePrefix
    location: location
    tags: tags
    principalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: take(toLower(replace('${namePrefix}${suffix}', '-', '')), 24)
    location: location
    tags: tags
    principalId: identity.outputs.principalId
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    name: toLower('${namePrefix}-cosmos-${suffix}')
    location: location
    tags: tags
    principalId: identity.outputs.principalId
    databaseName: cosmosDatabaseName
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'serviceBus'
  params: {
    name: toLower('${namePrefix}-bus-${suffix}')
    location: location
    tags: tags
    principalId: identity.outputs.principalId
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'functionApp'
  params: {
    namePrefix: namePrefix
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmosDatabaseName
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    appInsightsConnectionString: monitoring.outputs.connectionString
    publicBaseUrl: publicBaseUrl
    manageLinkSecret: manageLinkSecret
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpUser: smtpUser
    smtpPassword: smtpPassword
    smtpFrom: smtpFrom
    housekeepingSchedule: housekeepingSchedule
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    authClientId: authClientId
    authTenantId: authTenantId
    authClientSecret: authClientSecret
    publicPaths: publicPaths
  }
}

output functionAppName string = functionApp.outputs.name
output functionAppUrl string = 'https://${functionApp.outputs.defaultHostName}'
output cosmosEndpoint string = cosmos.outputs.endpoint
output serviceBusNamespace string = serviceBus.outputs.fullyQualifiedNamespace
output storageAccountName string = storage.outputs.name
output identityClientId string = identity.outputs.clientId
