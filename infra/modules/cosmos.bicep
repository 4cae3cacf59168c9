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
          { path: '/lat/?' }
          { path: '/lon/?' }
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

// Matches: one partition value ('match') so "matches of a listing", declined pairs and dashboards are
// single-partition queries; rematch markers use 'rematch'. Indexed: what those queries filter on.
// Its change feed (MatchChanged) turns each document's events into notify and match work.
resource matches 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'matches'
  properties: {
    resource: {
      id: 'matches'
      partitionKey: { paths: [ '/pk' ], kind: 'Hash' }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          { path: '/pk/?' }
          { path: '/offerId/?' }
          { path: '/requestId/?' }
          { path: '/state/?' }
          { path: '/createdAt/?' }
          { path: '/updatedAt/?' }
        ]
        excludedPaths: [
          { path: '/*' }
        ]
      }
    }
  }
}

// Ledgers: per listing, what its matches hold; point reads and If-Match replaces only, nothing indexed.
resource ledgers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'ledgers'
  properties: {
    resource: {
      id: 'ledgers'
      partitionKey: { paths: [ '/side' ], kind: 'Hash' }
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

// Used single-use links: create = use (409 = used before); nothing indexed.
resource links 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'links'
  properties: {
    resource: {
      id: 'links'
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

// Notifications begun/sent, one per key: create = begin (409 = begun before); nothing indexed.
resource notifications 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = {
  parent: database
  name: 'notifications'
  properties: {
    resource: {
      id: 'notifications'
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
          { path: '/kind/?' }
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
          { path: '/kind/?' }
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

// The change feed triggers' leases (ListingChanged and MatchChanged, prefixes 'listings-' and 'matches-');
// the host cannot create it with data-plane rights only.
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
output containerNames array = [ listings.name, idempotency.name, matches.name, ledgers.name, links.name, notifications.name, accounts.name, bulkUploads.name, leases.name ]
