// Sends ping and then listCollections to a MongoDB wire-protocol server as
// OP_MSG messages and exits 0 when both replies have ok: 1. Needs only Node,
// so up.sh can probe FerretDB before the project's node_modules exist.
//
// Usage: node mongo-ping.mjs [host] [port] [timeout-ms]
import net from 'node:net';

const host = process.argv[2] ?? '127.0.0.1';
const port = Number(process.argv[3] ?? 27017);
const timeoutMs = Number(process.argv[4] ?? 3000);

const OP_MSG = 2013;

// Encodes a flat BSON document whose values are int32 numbers, booleans or
// strings, such as {ping: 1, $db: "admin"}.
function encodeDocument(fields) {
  const parts = Object.entries(fields).map(([name, value]) => {
    const key = Buffer.from(`${name}\0`, 'utf8');
    if (typeof value === 'number') {
      const element = Buffer.alloc(4);
      element.writeInt32LE(value, 0);
      return Buffer.concat([Buffer.from([0x10]), key, element]);
    }
    if (typeof value === 'boolean') {
      return Buffer.concat([Buffer.from([0x08]), key, Buffer.from([value ? 1 : 0])]);
    }
    const text = Buffer.from(`${value}\0`, 'utf8');
    const length = Buffer.alloc(4);
    length.writeInt32LE(text.length, 0);
    return Buffer.concat([Buffer.from([0x02]), key, length, text]);
  });
  const body = Buffer.concat(parts);
  const document = Buffer.alloc(4 + body.length + 1);
  document.writeInt32LE(document.length, 0);
  body.copy(document, 4);
  return document;
}

// Builds an OP_MSG: 16-byte header, flag bits, then one section of kind 0.
function encodeMessage(document, requestId) {
  const message = Buffer.alloc(16 + 4 + 1 + document.length);
  message.writeInt32LE(message.length, 0);
  message.writeInt32LE(requestId, 4);
  message.writeInt32LE(0, 8);
  message.writeInt32LE(OP_MSG, 12);
  message.writeUInt32LE(0, 16);
  message.writeUInt8(0, 20);
  document.copy(message, 21);
  return message;
}

// Returns the numeric value of the top-level "ok" field of a BSON document,
// or undefined when the field is missing or has a type this reader skips.
function readOk(document) {
  const end = document.readInt32LE(0) - 1;
  let offset = 4;
  while (offset < end) {
    const type = document.readUInt8(offset);
    const nameEnd = document.indexOf(0, offset + 1);
    const name = document.toString('utf8', offset + 1, nameEnd);
    offset = nameEnd + 1;
    let size;
    switch (type) {
      case 0x01: // double
        if (name === 'ok') return document.readDoubleLE(offset);
        size = 8;
        break;
      case 0x10: // int32
        if (name === 'ok') return document.readInt32LE(offset);
        size = 4;
        break;
      case 0x12: // int64
        if (name === 'ok') return Number(document.readBigInt64LE(offset));
        size = 8;
        break;
      case 0x08: // boolean
        if (name === 'ok') return document.readUInt8(offset);
        size = 1;
        break;
      case 0x02: // string
      case 0x0d: // JavaScript code
        size = 4 + document.readInt32LE(offset);
        break;
      case 0x03: // embedded document
      case 0x04: // array
        size = document.readInt32LE(offset);
        break;
      case 0x05: // binary
        size = 4 + 1 + document.readInt32LE(offset);
        break;
      case 0x07: // ObjectId
        size = 12;
        break;
      case 0x09: // UTC datetime
      case 0x11: // timestamp
        size = 8;
        break;
      case 0x0a: // null
        size = 0;
        break;
      case 0x13: // decimal128
        size = 16;
        break;
      default:
        return undefined;
    }
    offset += size;
  }
  return undefined;
}

function fail(message) {
  console.error(`mongo-ping: ${host}:${port}: ${message}`);
  process.exit(1);
}

// Both commands go to the project's database. With FerretDB v1.24.2 a ping
// to that database gets no reply once the SQLite connection pool is stuck,
// while a ping to admin can still get one for a while.
const commands = [
  { ping: 1, $db: 'vigil' },
  { listCollections: 1, nameOnly: true, $db: 'vigil' },
];

let next = 0;
let received = Buffer.alloc(0);

const socket = net.connect({ host, port });
const timer = setTimeout(() => {
  socket.destroy();
  const pending = next === 0 ? 'the connection' : Object.keys(commands[next - 1])[0];
  fail(`no reply within ${timeoutMs} ms to ${pending}`);
}, timeoutMs);

function sendNext() {
  socket.write(encodeMessage(encodeDocument(commands[next]), next + 1));
  next += 1;
}

socket.on('connect', sendNext);
socket.on('error', (error) => fail(error.message));
socket.on('data', (chunk) => {
  received = Buffer.concat([received, chunk]);
  if (received.length < 4 || received.length < received.readInt32LE(0)) {
    return;
  }
  const reply = received.subarray(0, received.readInt32LE(0));
  received = received.subarray(reply.length);
  const command = Object.keys(commands[next - 1])[0];
  if (reply.readInt32LE(12) !== OP_MSG || reply.readUInt8(20) !== 0) {
    fail(`reply to ${command} is not an OP_MSG with a body section`);
  }
  const ok = readOk(reply.subarray(21));
  if (ok !== 1) {
    fail(`reply to ${command} has ok: ${ok}`);
  }
  if (next < commands.length) {
    sendNext();
    return;
  }
  clearTimeout(timer);
  socket.end();
  console.log(`mongo-ping: ${host}:${port}: ok`);
  process.exit(0);
});
