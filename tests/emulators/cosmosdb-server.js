#!/usr/bin/env node
// Starts @vercel/cosmosdb-server (the Cosmos DB gateway protocol, HTTPS, in memory) for the tests, with two fixes:
// 1. a point read of a missing document answers 404 like Cosmos DB, instead of crashing the handler with a 500
//    ("Cannot read properties of undefined"). The store adapter reads before it writes, so it depends on that 404.
// 2. resource ids never contain "/" or "+". The server numbers resources and base64-encodes the numbers; the 63rd
//    database became "gAA/AA==", and the SDK's rid-addressed requests for it (partition key ranges of a query) were
//    routed wrongly and surfaced as a "stale cache" 404. Cosmos DB's own rids never contain "/" (they are URL segments).
// Usage: node cosmosdb-server.js --port 0 --host 127.0.0.1   (port 0: the OS picks one; the ready line names it)
"use strict";

const readDocument = require("@vercel/cosmosdb-server/lib/handler/read-document");
const partitionHeader = require("@vercel/cosmosdb-server/lib/utils/get-partition-from-header");

const original = readDocument.default;
readDocument.default = (account, req, res, params) => {
  const collection = account.database(params.dbId).collection(params.collId);
  if (collection.read()) {
    const header = partitionHeader.default(req);
    const partitionKey = header ? partitionHeader.parsePartitionKey(header, params.docId) : params.docId;
    if (!collection.document(params.docId, partitionKey).read()) {
      res.statusCode = 404;
      return { code: "NotFound", message: "Entity with the specified id does not exist in the system." };
    }
  }
  return original(account, req, res, params);
};

const items = require("@vercel/cosmosdb-server/lib/account/items");
const create = items.default.prototype.create;
items.default.prototype.create = function createWithUrlSafeRid(data) {
  while (/[/+]/.test(this._rid(this._ridCount + 1))) {
    this._ridCount += 1;
  }
  return create.call(this, data);
};

// Loaded after the patches: the route table copies the handler functions when it is built.
require("@vercel/cosmosdb-server/lib/cli");
