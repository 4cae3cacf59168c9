// Cosmos DB for NoSQL, serverless (pay per request: a crisis portal idles for months, then spikes), keys disabled.
// Containers and partition keys must equal functions/ResponsePortal/Store/Cosmos/CosmosContainers.cs (docs/cosmos.md).
param name string
param location string
param tags object
param principalId string
param databaseName string

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: false }
    ]
    capabilities: [
      { name: 'EnableServerless' }
    ]
    disableLocalAuth: true
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
  }
}

// Listings: partitioned by side; only queried fields indexed (cheaper writes).
resource listings 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'listings'
  properties: {
    resource: {
      id: 'listings'
      partitionKey: { paths: [ '/side' ], kind: 'Hash' }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          { path: '/side/?' }
          { path: '/status/?' }
          { path: '/type/?' }
          { path: '/category/?' }
          { path: '/region/?' }
          { path: '/sortKey/?' }
          { path: '/expiresAt/?' }
        ]
        excludedPaths: [
          { path: '/*' }
        ]
      }
    }
  }
}

// Idempotency claims: point reads and creates only, nothing indexed.
resource idempotency 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'idempotency'
  properties: {
    resource: {
      id: 'idempotency'
      partitionKey: { paths: [ '/id' ], kind: 'Hash' }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: []
        excludedPaths: [
          { path: '/*' }
        ]
      }
    }
  }
}

// Accounts and sign-in links: partition 'account' (read by id, listed) and 'link' (queried by e-mail and expiry).
resource accounts 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'accounts'
  properties: {
    resource: {
      id: 'accounts'
      partitionKey: { paths: [ '/kind' ], kind: 'Hash' }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          { path: '/email/?' }
          { path: '/expiresAt/?' }
        ]
        excludedPaths: [
          { path: '/*' }
        ]
      }
    }
  }
}

// Bulk uploads: status documents in partition 'upload' (by account, by state, by time); files in 'file', never indexed.
resource bulkUploads 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'bulkUploads'
  properties: {
    resource: {
      id: 'bulkUploads'
      partitionKey: { paths: [ '/kind' ], kind: 'Hash' }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          { path: '/account/?' }
          { path: '/state/?' }
          { path: '/createdAt/?' }
        ]
        excludedPaths: [
          { path: '/*' }
        ]
      }
    }
  }
}

// The change feed trigger's leases (ListingChanged); the host cannot create it with data-plane rights only.
resource leases 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'leases'
  properties: {
    resource: {
      id: 'leases'
      partitionKey: { paths: [ '/id' ], kind: 'Hash' }
    }
  }
}

// Cosmos DB Built-in Data Contributor: data plane only (read/write items, change feed), no keys, no control plane.
resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: account
  name: guid(account.id, principalId, '00000000-0000-0000-0000-000000000002')
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/00000000-0000-0000-0000-000000000002'
    principalId: principalId
    scope: account.id
  }
}

output endpoint string = account.properties.documentEndpoint
output containerNames array = [ listings.name, idempotency.name, accounts.name, bulkUploads.name, leases.name ]
