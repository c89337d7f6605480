// The truth-check target: a small HTTP server whose behaviour is known exactly, so that what the
// engine reports can be compared with what happened. Started by bench/lib/targets.mjs with an IPC
// channel; argv: MODE [ARG]:
//   freeze PERIOD_MS FREEZE_MS  holds every response that arrives in the first FREEZE_MS of each
//                               PERIOD_MS (a server that stalls), answers the others at once
//   fixed DELAY_MS              answers every request after DELAY_MS
//   count                       answers at once
// Every mode records each arrival's time (performance.now(), ms); with `--tokens` it also keeps
// each request's `v` query value and the time its response finished (the think-time check).
// IPC: -> {type:'listening', port}; <- {type:'reset'} | {type:'report'} -> {type:'report', ...}.

import { createServer } from 'node:http';

const [mode = 'count', first = '0', second = '0'] = process.argv.slice(2);
const keepTokens = process.argv.includes('--tokens');
const startedAt = performance.now();

let arrivals = [];
let tokens = [];
let finishes = [];

function answer(res) {
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
  res.end('ok');
}

function delayFor(now) {
  if (mode === 'fixed') return Number(first);
  if (mode === 'freeze') {
    const phase = (now - startedAt) % Number(first);
    return phase < Number(second) ? Number(second) - phase : 0;
  }
  return 0;
}

const server = createServer((req, res) => {
  const now = performance.now();
  arrivals.push(now);
  if (keepTokens) {
    const at = req.url.indexOf('v=');
    const index = tokens.push(at < 0 ? '' : req.url.slice(at + 2)) - 1;
    finishes.push(0);
    res.once('finish', () => (finishes[index] = performance.now()));
  }
  // Drain the request body (there is none in these checks, but a keep-alive socket needs it read).
  req.resume();
  const delay = delayFor(now);
  if (delay > 0) setTimeout(answer, delay, res);
  else answer(res);
});
server.keepAliveTimeout = 120_000;
server.headersTimeout = 130_000;
server.requestTimeout = 0;

// A deep accept queue: an open model's first arrivals open hundreds of connections at once, and a
// SYN dropped by a full queue is retried only after a second (a stall that would be ours to blame).
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
  process.send?.({ type: 'listening', port: server.address().port });
});

process.on('message', (message) => {
  if (message?.type === 'reset') {
    arrivals = [];
    tokens = [];
    finishes = [];
    process.send?.({ type: 'reset-done' });
  } else if (message?.type === 'report') {
    process.send?.({ type: 'report', arrivals, tokens, finishes });
  }
});
// The benchmark owns this process: when it goes, so does the server.
process.on('disconnect', () => process.exit(0));
