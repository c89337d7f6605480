// Node's floor for the engine's plain-HTTP path: argv[3] keep-alive connections to argv[2]
// (http://host:port) for argv[4] seconds, each sending `GET /` again as soon as its answer is
// parsed, with what src/engine/http1-connection.ts uses (net's `onread` into one shared buffer,
// Node's llhttp binding from `_http_common`, the request's bytes made once) and nothing else: no
// exchange, timeout, histogram or virtual user. It prints "tick <total>" each second (read by
// bench/lib/reference-cpu.mjs) and "done <total>" at the end. What the engine spends per request
// above this is the engine's own work (docs/performance-engine.md, "The engine against Node's floor").
'use strict';
const { connect } = require('node:net');
const { HTTPParser } = require('_http_common');

const target = new URL(process.argv[2]);
const [connections, seconds] = [Number(process.argv[3]), Number(process.argv[4])];
const request = Buffer.from(`GET / HTTP/1.1\r\nhost: ${target.host}\r\n\r\n`, 'latin1');
const readBuffer = Buffer.allocUnsafe(64 * 1024);
let total = 0;
let running = true;

function open() {
  const parser = new HTTPParser();
  parser.initialize(HTTPParser.RESPONSE, {}, 0, HTTPParser.kLenientNone);
  let complete = false;
  parser[HTTPParser.kOnHeadersComplete] = () => 0;
  parser[HTTPParser.kOnMessageComplete] = () => {
    complete = true;
  };
  const socket = connect({
    host: target.hostname,
    port: Number(target.port || 80),
    onread: {
      buffer: readBuffer,
      callback: (length) => {
        const outcome = parser.execute(readBuffer.subarray(0, length));
        if (outcome instanceof Error) throw outcome;
        if (complete) {
          complete = false;
          total++;
          if (running) socket.write(request);
        }
        return true;
      },
    },
  });
  socket.setNoDelay(true);
  socket.once('connect', () => socket.write(request));
  socket.on('error', (error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
  // A connection the server closed would leave the floor running on fewer: its figure would be wrong.
  socket.on('close', () => {
    if (!running) return;
    process.stderr.write('the server closed a connection\n');
    process.exit(1);
  });
}

for (let i = 0; i < connections; i++) open();
const ticker = setInterval(() => process.stdout.write(`tick ${total}\n`), 1000);
setTimeout(() => {
  running = false;
  clearInterval(ticker);
  process.stdout.write(`done ${total}\n`, () => process.exit(0));
}, seconds * 1000);
