// Probes which MongoDB operations the server in MONGODB_URI (default
// mongodb://127.0.0.1:27017/vigil) accepts, using the mongodb driver. Written
// for FerretDB v1 and run against it with the SQLite backend.
//
// Two kinds of probe:
//   - "required": operations the project's code relies on. A failure prints
//     FAIL and counts in the exit code.
//   - "probe": features that FerretDB v1 is known to lack. The outcome prints
//     as WORKS, REJECTED (the server returned an error, shown) or WRONG (the
//     server accepted the request but the result is wrong) and never fails
//     the run.
//
// Run from the repository root after `npm install`:
//   node deploy/local/ferretdb-check.mjs
// It works in a collection prefix with a random suffix and drops it at the end.
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';

const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/vigil';
const prefix = `check_${randomBytes(4).toString('hex')}`;
// FerretDB v1.24.2 keeps one backend connection open for every statement of an
// update command until the command ends, and its SQLite pool has 100
// connections: an update command with 100 or more statements, or several
// concurrent ones that add up to that, never returns and blocks every other
// client. bulkWrite sends all its updateOne operations as one command, so the
// check splits them. Set FERRETDB_CHECK_UNSAFE_BULK=1 to also send 1000 in one
// call and see the hang (the server then has to be restarted).
const bulkChunkSize = 50;
const stepTimeoutMs = 20_000;
let failedRequired = 0;
let passedRequired = 0;

// Formats an error with its server code, and with its class name unless it is
// a MongoServerError (the driver's BSON errors, for example, carry no code).
// NUL bytes are shown as \0.
function describeError(error) {
  const code = error?.code !== undefined ? ` code ${error.code}` : '';
  const codeName = error?.codeName ? ` (${error.codeName})` : '';
  const origin = error?.name && !error.name.startsWith('MongoServer') && !(error instanceof WrongResult) ? `${error.name}: ` : '';
  const message = String(error?.message ?? error).replaceAll('\0', '\\0');
  return `${origin}${message}${code}${codeName}`;
}

// Raised when the server accepted an operation but the result is wrong.
class WrongResult extends Error {}

function assert(condition, message) {
  if (!condition) {
    throw new WrongResult(message);
  }
}

// Rejects when `promise` takes longer than stepTimeoutMs. A timed-out
// operation usually means the server is stuck, so the run stops there.
function withTimeout(promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${stepTimeoutMs} ms`)), stepTimeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function stopIfTimedOut(error) {
  if (String(error?.message).startsWith('timed out after')) {
    console.log('Stopping: the server did not reply in time and may need a restart.');
    console.log(`${passedRequired} passed, ${failedRequired} failed`);
    process.exit(Math.max(failedRequired, 1));
  }
}

// Runs an operation the project needs and counts its failure.
async function required(name, fn) {
  try {
    const detail = await withTimeout(fn());
    passedRequired += 1;
    console.log(`PASS     ${name}${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    failedRequired += 1;
    console.log(`FAIL     ${name}: ${describeError(error)}`);
    stopIfTimedOut(error);
  }
}

// Runs a feature probe and reports the outcome without judging it.
async function probe(name, fn) {
  try {
    const detail = await withTimeout(fn());
    console.log(`WORKS    ${name}${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    const outcome = error instanceof WrongResult ? 'WRONG   ' : 'REJECTED';
    console.log(`${outcome} ${name}: ${describeError(error)}`);
    stopIfTimedOut(error);
  }
}

const client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000 });
await client.connect();
const db = client.db();
const coll = (name) => db.collection(`${prefix}_${name}`);

try {
  await required('ping', async () => {
    const reply = await db.command({ ping: 1 });
    const build = await db.admin().command({ buildInfo: 1 });
    return `ok ${reply.ok}, reports MongoDB ${build.version}${build.ferretdbVersion ? `, FerretDB ${build.ferretdbVersion}` : ''}`;
  });

  await required('insertOne and findOne', async () => {
    const { insertedId } = await coll('basic').insertOne({ name: 'a', n: 1, tags: [] });
    const found = await coll('basic').findOne({ _id: insertedId });
    assert(found?.name === 'a', 'inserted document not found');
  });

  await required('findOneAndUpdate with upsert', async () => {
    const first = await coll('basic').findOneAndUpdate(
      { name: 'upserted' },
      { $setOnInsert: { createdAt: new Date() }, $inc: { n: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    const second = await coll('basic').findOneAndUpdate(
      { name: 'upserted' },
      { $inc: { n: 1 } },
      { upsert: true, returnDocument: 'after' },
    );
    assert(first?.n === 1, `first call returned n ${first?.n}, expected 1`);
    assert(second?.n === 2, `second call returned n ${second?.n}, expected 2`);
    return 'returnDocument after: n 1 then 2';
  });

  await required('createIndex unique and duplicate key error 11000', async () => {
    await coll('unique').createIndex({ externalId: 1 }, { unique: true, name: 'externalId_unique' });
    await coll('unique').insertOne({ externalId: 'x-1' });
    try {
      await coll('unique').insertOne({ externalId: 'x-1' });
    } catch (error) {
      assert(error.code === 11000, `expected code 11000, got ${describeError(error)}`);
      return `code ${error.code}: ${error.message}`;
    }
    throw new Error('second insert with the same key succeeded');
  });

  await required('createIndex compound unique', async () => {
    await coll('unique').createIndex({ tenant: 1, seq: -1 }, { unique: true });
    await coll('unique').insertOne({ externalId: 'x-2', tenant: 't', seq: 1 });
    const failed = await coll('unique').insertOne({ externalId: 'x-3', tenant: 't', seq: 1 }).then(
      () => false,
      (error) => error.code === 11000,
    );
    assert(failed, 'duplicate compound key was accepted');
  });

  await required('insertMany ordered false reports per-document 11000', async () => {
    try {
      await coll('unique').insertMany([{ externalId: 'x-4' }, { externalId: 'x-1' }, { externalId: 'x-5' }], { ordered: false });
    } catch (error) {
      const codes = (error.writeErrors ?? []).map((e) => e.code ?? e.err?.code);
      assert(codes.length === 1, `expected 1 write error, got codes ${JSON.stringify(codes)}`);
      assert(codes[0] === 11000, `expected code 11000, got ${codes[0]}`);
      const count = await coll('unique').countDocuments({ externalId: { $in: ['x-4', 'x-5'] } });
      assert(count === 2, `expected the 2 valid documents to be inserted, found ${count}`);
      return `insertedCount ${error.result?.insertedCount ?? error.insertedCount}`;
    }
    throw new Error('no error for the duplicate document');
  });

  await required('upsert that hits a unique index returns 11000', async () => {
    try {
      await coll('unique').updateOne({ externalId: 'x-1', other: true }, { $set: { v: 1 } }, { upsert: true });
    } catch (error) {
      assert(error.code === 11000, `expected 11000, got ${describeError(error)}`);
      return 'code 11000';
    }
    throw new Error('upsert with a duplicate key succeeded');
  });

  await required('updateOne with $set, $inc, $push, $max, $min, $addToSet, $unset', async () => {
    const c = coll('ops');
    await c.insertOne({ _id: 'doc', count: 0, list: [], high: 5, low: 5, set: [], gone: 1 });
    const result = await c.updateOne(
      { _id: 'doc' },
      {
        $set: { status: 'open', 'nested.field': 1 },
        $inc: { count: 2 },
        $push: { list: 1 },
        $max: { high: 9 },
        $min: { low: 1 },
        $addToSet: { set: 'a' },
        $unset: { gone: '' },
      },
    );
    const doc = await c.findOne({ _id: 'doc' });
    assert(result.modifiedCount === 1, `modifiedCount ${result.modifiedCount}`);
    const got = JSON.stringify(doc);
    assert(doc.count === 2, `$inc: count is ${doc.count}, expected 2 in ${got}`);
    assert(doc.high === 9, `$max: high is ${doc.high}, expected 9 in ${got}`);
    assert(doc.low === 1, `$min: low is ${doc.low}, expected 1 in ${got}`);
    assert(doc.status === 'open', `$set: status is ${doc.status} in ${got}`);
    assert(doc.nested?.field === 1, `$set with a dotted path: nested.field is ${doc.nested?.field} in ${got}`);
    assert(JSON.stringify(doc.list) === '[1]', `$push: list is ${JSON.stringify(doc.list)}, expected [1]`);
    assert(doc.set?.[0] === 'a', `$addToSet: set is ${JSON.stringify(doc.set)}, expected ["a"]`);
    assert(!('gone' in doc), `$unset: field gone is still present in ${got}`);
    return JSON.stringify(doc);
  });

  await required('$max with Date values', async () => {
    const c = coll('ops');
    await c.updateOne({ _id: 'dates' }, { $max: { lastSeen: new Date('2024-01-01') } }, { upsert: true });
    await c.updateOne({ _id: 'dates' }, { $max: { lastSeen: new Date('2023-01-01') } });
    const doc = await c.findOne({ _id: 'dates' });
    assert(doc.lastSeen.toISOString().startsWith('2024-01-01'), `lastSeen ${doc.lastSeen}`);
  });

  await required('countDocuments and estimatedDocumentCount', async () => {
    const c = coll('basic');
    const count = await c.countDocuments({ n: { $gte: 1 } });
    const estimate = await c.estimatedDocumentCount();
    return `countDocuments ${count}, estimatedDocumentCount ${estimate}`;
  });

  await required(`1000 updateOne with upsert as bulkWrite calls of ${bulkChunkSize}`, async () => {
    const c = coll('bulk');
    const operations = Array.from({ length: 1000 }, (_, i) => ({
      updateOne: { filter: { _id: `k${i % 500}` }, update: { $inc: { hits: 1 }, $set: { last: i } }, upsert: true },
    }));
    const started = Date.now();
    let upserted = 0;
    let modified = 0;
    for (let i = 0; i < operations.length; i += bulkChunkSize) {
      const result = await c.bulkWrite(operations.slice(i, i + bulkChunkSize), { ordered: false });
      upserted += result.upsertedCount;
      modified += result.modifiedCount;
    }
    const ms = Date.now() - started;
    const total = await c.countDocuments({});
    assert(upserted === 500, `upserted ${upserted}, expected 500`);
    assert(modified === 500, `modified ${modified}, expected 500`);
    assert(total === 500, `found ${total} documents`);
    return `upserted ${upserted}, modified ${modified} in ${ms} ms`;
  });

  await required('find with filter, sort, skip, limit and projection', async () => {
    const docs = await coll('bulk')
      .find({ hits: 2, last: { $gte: 600 } }, { projection: { hits: 1 } })
      .sort({ last: -1, _id: 1 })
      .skip(1)
      .limit(5)
      .toArray();
    assert(docs.length === 5, `got ${docs.length} documents, expected 5`);
    assert(!('last' in docs[0]), `projection left field last in ${JSON.stringify(docs[0])}`);
  });

  await required('updateMany and deleteMany', async () => {
    const updated = await coll('bulk').updateMany({ hits: 2 }, { $set: { flag: true } });
    const deleted = await coll('bulk').deleteMany({ last: { $lt: 510 } });
    return `updateMany modified ${updated.modifiedCount}, deleteMany deleted ${deleted.deletedCount}`;
  });

  await required('50 parallel $inc on 50 different documents', async () => {
    const c = coll('parallel');
    await c.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `d${i}`, n: 0 })));
    await Promise.all(Array.from({ length: 50 }, (_, i) => c.updateOne({ _id: `d${i}` }, { $inc: { n: 1 } })));
    const docs = await c.find({ _id: { $regex: '^d' } }).toArray();
    const total = docs.reduce((sum, d) => sum + d.n, 0);
    assert(total === 50, `increments add up to ${total}, expected 50`);
  });

  await required('aggregate with $match, $group, $sort, $limit, $count', async () => {
    const grouped = await coll('bulk')
      .aggregate([{ $match: { hits: 2 } }, { $group: { _id: '$flag', total: { $sum: '$hits' } } }, { $sort: { total: -1 } }, { $limit: 5 }])
      .toArray();
    const counted = await coll('bulk').aggregate([{ $match: { hits: 2 } }, { $count: 'n' }]).toArray();
    return `$group ${JSON.stringify(grouped)}, $count ${JSON.stringify(counted)}`;
  });

  await probe('findOneAndUpdate with projection', async () => {
    const doc = await coll('basic').findOneAndUpdate(
      { name: 'upserted' },
      { $inc: { n: 1 } },
      { returnDocument: 'after', projection: { n: 1 } },
    );
    return JSON.stringify(doc);
  });

  await probe('$push with $each and $slice', async () => {
    await coll('ops').updateOne({ _id: 'slice' }, { $push: { list: { $each: [1, 2, 3], $slice: -2 } } }, { upsert: true });
    const doc = await coll('ops').findOne({ _id: 'slice' });
    assert(JSON.stringify(doc.list) === '[2,3]', `list is ${JSON.stringify(doc.list)}, expected [2,3]`);
  });

  await probe('50 parallel updateOne $inc on one document', async () => {
    const c = coll('parallel');
    await c.insertOne({ _id: 'counter', n: 0 });
    await Promise.all(Array.from({ length: 50 }, () => c.updateOne({ _id: 'counter' }, { $inc: { n: 1 } })));
    const doc = await c.findOne({ _id: 'counter' });
    assert(doc.n === 50, `counter is ${doc.n}, expected 50 (lost updates)`);
  });

  await probe('50 parallel findOneAndUpdate $inc on one document', async () => {
    const c = coll('parallel');
    await c.insertOne({ _id: 'fam', n: 0 });
    const docs = await Promise.all(
      Array.from({ length: 50 }, () => c.findOneAndUpdate({ _id: 'fam' }, { $inc: { n: 1 } }, { returnDocument: 'after' })),
    );
    const distinct = new Set(docs.map((d) => d.n)).size;
    const doc = await c.findOne({ _id: 'fam' });
    assert(doc.n === 50, `counter is ${doc.n}, expected 50, and ${distinct} distinct values were returned`);
  });

  await probe('50 parallel compare-and-set on a version field', async () => {
    const c = coll('parallel');
    await c.insertOne({ _id: 'cas', version: 0 });
    let reported = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        const current = await c.findOne({ _id: 'cas' });
        const result = await c.updateOne({ _id: 'cas', version: current.version }, { $inc: { version: 1 } });
        reported += result.modifiedCount;
      }),
    );
    const doc = await c.findOne({ _id: 'cas' });
    assert(doc.version === reported, `${reported} updates reported success but version is ${doc.version}`);
  });

  await probe('20 parallel upserts of one new _id', async () => {
    const c = coll('parallel');
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => c.updateOne({ _id: 'new' }, { $inc: { n: 1 } }, { upsert: true })),
    );
    const errors = results.filter((r) => r.status === 'rejected').map((r) => r.reason);
    if (errors.length > 0) {
      throw errors[0];
    }
  });

  if (process.env.FERRETDB_CHECK_UNSAFE_BULK === '1') {
    await probe('bulkWrite of 1000 updateOne in one call', async () => {
      const operations = Array.from({ length: 1000 }, (_, i) => ({
        updateOne: { filter: { _id: `k${i % 500}` }, update: { $inc: { hits: 1 } }, upsert: true },
      }));
      const result = await coll('bulk').bulkWrite(operations, { ordered: false });
      return `modified ${result.modifiedCount}`;
    });
  }

  await probe('TTL index (expireAfterSeconds)', async () => {
    await coll('ttl').createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 });
  });

  await probe('partial index (partialFilterExpression)', async () => {
    await coll('unique').createIndex({ seq: 1 }, { unique: true, partialFilterExpression: { seq: { $exists: true } } });
  });

  await probe('sparse index', async () => {
    await coll('unique').createIndex({ optional: 1 }, { sparse: true });
  });

  await probe('transaction (withTransaction)', async () => {
    const session = client.startSession();
    try {
      await session.withTransaction(async () => {
        await coll('tx').insertOne({ a: 1 }, { session });
      });
    } finally {
      await session.endSession();
    }
  });

  await probe('change stream (watch)', async () => {
    const stream = coll('basic').watch();
    try {
      await Promise.race([stream.tryNext(), new Promise((_, reject) => setTimeout(() => reject(new Error('no reply in 3 s')), 3_000))]);
    } finally {
      await stream.close();
    }
  });

  await probe('field name with a dot', async () => {
    await coll('keys').insertOne({ 'a.b': 1 });
  });

  await probe('field name starting with $', async () => {
    await coll('keys').insertOne({ $x: 1 });
  });

  await probe('field name with a NUL byte', async () => {
    await coll('keys').insertOne({ 'a\u0000b': 1 });
  });

  await probe('string value with a NUL byte', async () => {
    await coll('keys').insertOne({ s: 'a\u0000b' });
    const doc = await coll('keys').findOne({ s: 'a\u0000b' });
    assert(doc?.s === 'a\u0000b', 'value changed on the round trip');
  });

  await probe('update with an aggregation pipeline', async () => {
    await coll('ops').updateOne({ _id: 'doc' }, [{ $set: { doubled: { $multiply: ['$count', 2] } } }]);
  });

  await probe('arrayFilters', async () => {
    await coll('ops').updateOne({ _id: 'doc' }, { $set: { 'list.$[x]': 0 } }, { arrayFilters: [{ x: { $gt: 2 } }] });
  });

  await probe('positional $ update', async () => {
    await coll('ops').updateOne({ _id: 'doc', list: 3 }, { $set: { 'list.$': 30 } });
  });

  await probe('$currentDate, $mul, $rename', async () => {
    await coll('ops').updateOne({ _id: 'doc' }, { $currentDate: { touched: true }, $mul: { count: 2 }, $rename: { status: 'state' } });
  });

  await probe('$expr in find', async () => {
    const docs = await coll('ops').find({ $expr: { $gt: ['$high', '$low'] } }).toArray();
    return `${docs.length} documents`;
  });

  await probe('$elemMatch and $regex', async () => {
    await coll('ops').find({ list: { $elemMatch: { $gt: 1 } }, _id: { $regex: '^d' } }).toArray();
  });

  await probe('distinct', async () => {
    const values = await coll('bulk').distinct('hits');
    return JSON.stringify(values);
  });

  await probe('collation', async () => {
    await coll('basic').find({ name: 'A' }).collation({ locale: 'en', strength: 2 }).toArray();
  });

  await probe('text index', async () => {
    await coll('basic').createIndex({ name: 'text' });
  });

  for (const [name, stage] of [
    ['$lookup', { $lookup: { from: `${prefix}_basic`, localField: '_id', foreignField: '_id', as: 'joined' } }],
    ['$facet', { $facet: { a: [{ $limit: 1 }] } }],
    ['$bucket', { $bucket: { groupBy: '$hits', boundaries: [0, 2, 10] } }],
    ['$sortByCount', { $sortByCount: '$hits' }],
    ['$setWindowFields', { $setWindowFields: { sortBy: { last: 1 }, output: { r: { $rank: {} } } } }],
    ['$merge', { $merge: { into: `${prefix}_merged` } }],
    ['$out', { $out: `${prefix}_out` }],
    ['$project with $cond', { $project: { big: { $cond: [{ $gt: ['$last', 700] }, 1, 0] } } }],
    ['$addFields', { $addFields: { x: 1 } }],
    ['$unwind', { $unwind: '$missing' }],
    ['$group with $max and $push', { $group: { _id: null, m: { $max: '$last' }, all: { $push: '$_id' } } }],
  ]) {
    await probe(`aggregate ${name}`, async () => {
      await coll('bulk').aggregate([stage]).toArray();
    });
  }
} finally {
  const collections = await db.listCollections({ name: { $regex: `^${prefix}_` } }, { nameOnly: true }).toArray();
  for (const { name } of collections) {
    await db.dropCollection(name);
  }
  await client.close();
}

console.log(`${passedRequired} passed, ${failedRequired} failed`);
process.exit(failedRequired);
