// The Function App on Flex Consumption (FC1) running the ResponsePortal executable as a custom handler.
// Every connection is identity-based (NAME__fullyQualifiedNamespace / __accountEndpoint / __accountName plus
// __credential and __clientId): no keys or connection strings in settings.
param namePrefix string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param storageBlobEndpoint string
param deploymentContainerUrl string
param cosmosEndpoint string
param cosmosDatabaseName string
param serviceBusNamespace string
param appInsightsConnectionString string
param publicBaseUrl string
@secure()
param manageLinkSecret string
param smtpHost string
param smtpPort int
param smtpUser string
@secure()
param smtpPassword string
param smtpFrom string
param housekeepingSchedule string
param maximumInstanceCount int
param instanceMemoryMB int
param authClientId string
@secure()
param authClientSecret string
param authTenantId string
param publicPaths array

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: '${namePrefix}-app'
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      // host.json's customHandler starts the published ResponsePortal executable.
      runtime: { name: 'custom', version: '1.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      // Names must agree with functions/*/function.json and local.settings.sample.json (SettingsAgreementTests).
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storageAccountName }
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'CosmosDb__accountEndpoint', value: cosmosEndpoint }
        { name: 'CosmosDb__credential', value: 'managedidentity' }
        { name: 'CosmosDb__clientId', value: identityClientId }
        { name: 'CosmosDatabaseName', value: cosmosDatabaseName }
        { name: 'ServiceBus__fullyQualifiedNamespace', value: serviceBusNamespace }
        { name: 'ServiceBus__credential', value: 'managedidentity' }
        { name: 'ServiceBus__clientId', value: identityClientId }
        { name: 'Blobs__serviceUri', value: storageBlobEndpoint }
        { name: 'Blobs__clientId', value: identityClientId }
        { name: 'HousekeepingSchedule', value: housekeepingSchedule }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsightsConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
        { name: 'Portal__Store', value: 'Cosmos' }
        { name: 'Portal__DataDirectory', value: '/tmp/portal' }
        { name: 'Portal__PublicBaseUrl', value: publicBaseUrl }
        { name: 'Portal__ManageLinkSecret', value: manageLinkSecret }
        { name: 'Portal__DemoData', value: 'false' }
        { name: 'Portal__Pipeline__RunWorkers', value: 'false' }
        { name: 'Portal__Smtp__Host', value: smtpHost }
        { name: 'Portal__Smtp__Port', value: string(smtpPort) }
        { name: 'Portal__Smtp__User', value: smtpUser }
        { name: 'Portal__Smtp__Password', value: smtpPassword }
        { name: 'Portal__Smtp__From', value: smtpFrom }
        { name: 'Portal__Smtp__EnableSsl', value: 'true' }
        // Read by App Service authentication (clientSecretSettingName below); empty while sign-in is off.
        { name: 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET', value: authClientSecret }
      ]
    }
  }
}

// App Service authentication (Entra ID) in front of the app: sign-in required except on the public paths, so the
// dashboards (/dashboard, /api/dashboard, /api/matches, /api/export) need a signed-in authority. A trailing /* matches
// everything below a path. The app's own authorization stays the second gate.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(authClientId)) {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'RedirectToLoginPage'
      redirectToProvider: 'azureactivedirectory'
      excludedPaths: publicPaths
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          openIdIssuer: 'https://login.microsoftonline.com/${authTenantId}/v2.0'
          clientId: authClientId
          clientSecretSettingName: 'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET'
        }
        validation: {
          allowedAudiences: [ 'api://${authClientId}', authClientId ]
        }
      }
    }
    login: {
      tokenStore: { enabled: true }
    }
    httpSettings: {
      requireHttps: true
    }
  }
}

output name string = site.name
output defaultHostName string = site.properties.defaultHostName
