#!/usr/bin/env node
// The demo target: a hospital API, in memory, with plain Node and no dependencies.
//
//   node examples/demo-server.mjs [--port N]     (default 8888, as in the guide; 0 picks a free port)
//
// It listens on 127.0.0.1 only, so a load test against it never leaves the machine. Every answer
// takes a few jittered milliseconds, and about 1 request in 100 takes 200-400 ms, so percentiles,
// tail ratios and thresholds have something realistic to show.
//
//   GET  /              what this service is (JSON)
//   GET  /hospital      the 20 most recent hospitals (X-Total-Count: how many there are)
//   POST /hospital      {"name": "...", "beds": 120}        -> 201 {"id", "name", "beds"}
//   POST /patient       {"hospital_id": ID, "name": "..."}  -> 201 {"id", "hospital_id", "name"}; 400 on bad input
//   GET  /patient/:id   200 {"id", "hospital_id", "name"} or 404
//   POST /login         {"user": "...", "password": "demo"} -> 200 and a `session` cookie; 401 on a wrong password
//   GET  /profile       200 {"user"} with the session cookie; 401 without it
//   GET  /old-home      302 to /home (a moved page)
//   GET  /home          200 {"page": "home", "message": "Welcome..."}
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

const LIST_LIMIT = 20;
/** Keeps a long demo run from growing memory without bound: the oldest records go first. */
const MAX_RECORDS = 100_000;
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Starts the demo API. Resolves once it listens.
 * @param {{ port?: number, host?: string, slowRatio?: number, baseLatencyMs?: [number, number], slowLatencyMs?: [number, number], random?: () => number }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startDemoServer(options = {}) {
  const {
    port = 8888,
    host = '127.0.0.1',
    slowRatio = 0.01,
    baseLatencyMs = [2, 8],
    slowLatencyMs = [200, 400],
    random = Math.random,
  } = options;
  const store = createStore();
  const latency = () => {
    const [low, high] = random() < slowRatio ? slowLatencyMs : baseLatencyMs;
    return low + random() * (high - low);
  };
  const server = createServer((req, res) => {
    readBody(req)
      .then(
        (body) => route(store, req.method ?? 'GET', new URL(req.url ?? '/', 'http://demo').pathname, body, req.headers.cookie),
        () => ({ status: 413, body: { error: `request body larger than ${MAX_BODY_BYTES} bytes` } }),
      )
      .then((answer) => {
        const timer = setTimeout(() => send(res, answer), latency());
        res.on('close', () => clearTimeout(timer));
      });
  });
  // Load tests keep connections alive; a short keep-alive would make the client reconnect mid-run.
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${boundPort}`,
    port: boundPort,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function createStore() {
  return { hospitals: new Map(), patients: new Map(), sessions: new Map(), nextHospitalId: 1, nextPatientId: 1 };
}

/** Adds a record, dropping the oldest when the store is full. */
function remember(map, id, record) {
  map.set(id, record);
  if (map.size > MAX_RECORDS) map.delete(map.keys().next().value);
}

function route(store, method, path, rawBody, cookieHeader) {
  const session = sessionRoute(store, method, path, rawBody, cookieHeader);
  if (session) return session;
  if (path === '/') {
    if (method !== 'GET') return notAllowed('GET');
    return {
      status: 200,
      body: {
        service: 'Loadlens demo hospital API',
        endpoints: ['GET /', 'GET /hospital', 'POST /hospital', 'POST /patient', 'GET /patient/:id', 'POST /login', 'GET /profile', 'GET /old-home', 'GET /home'],
        hospitals: store.hospitals.size,
        patients: store.patients.size,
      },
    };
  }
  if (path === '/hospital') {
    if (method === 'GET') {
      const all = [...store.hospitals.values()];
      return { status: 200, body: all.slice(-LIST_LIMIT), headers: { 'X-Total-Count': String(all.length) } };
    }
    if (method === 'POST') return createHospital(store, rawBody);
    return notAllowed('GET, POST');
  }
  if (path === '/patient') {
    if (method !== 'POST') return notAllowed('POST');
    return createPatient(store, rawBody);
  }
  const patientMatch = /^\/patient\/([^/]+)$/.exec(path);
  if (patientMatch) {
    if (method !== 'GET') return notAllowed('GET');
    const patient = store.patients.get(patientMatch[1]);
    return patient ? { status: 200, body: patient } : { status: 404, body: { error: 'no such patient' } };
  }
  return { status: 404, body: { error: `no route for ${method} ${path}` } };
}

function createHospital(store, rawBody) {
  const input = parseJson(rawBody);
  if (!input.ok) return badRequest(input.error);
  const { name, beds } = input.value ?? {};
  if (typeof name !== 'string' || name.trim() === '') return badRequest('name must be a non-empty string');
  if (!Number.isInteger(beds) || beds < 0) return badRequest('beds must be a non-negative integer');
  const hospital = { id: store.nextHospitalId++, name, beds };
  remember(store.hospitals, String(hospital.id), hospital);
  return { status: 201, body: hospital, headers: { Location: `/hospital/${hospital.id}` } };
}

function createPatient(store, rawBody) {
  const input = parseJson(rawBody);
  if (!input.ok) return badRequest(input.error);
  const { hospital_id: hospitalId, name } = input.value ?? {};
  if (typeof name !== 'string' || name.trim() === '') return badRequest('name must be a non-empty string');
  // A captured id arrives as a number or, templated inside quotes, as a string: both are fine.
  if (typeof hospitalId !== 'number' && typeof hospitalId !== 'string') return badRequest('hospital_id is required');
  const hospital = store.hospitals.get(String(hospitalId));
  if (!hospital) return badRequest(`unknown hospital_id ${JSON.stringify(hospitalId)}`);
  const patient = { id: store.nextPatientId++, hospital_id: hospital.id, name };
  remember(store.patients, String(patient.id), patient);
  return { status: 201, body: patient, headers: { Location: `/patient/${patient.id}` } };
}

/** A cookie login, a route that needs it, and a moved page: what a session-keeping client must handle. */
function sessionRoute(store, method, path, rawBody, cookieHeader) {
  if (path === '/login') {
    if (method !== 'POST') return notAllowed('POST');
    const input = parseJson(rawBody);
    if (!input.ok) return badRequest(input.error);
    const { user, password } = input.value ?? {};
    if (typeof user !== 'string' || user.trim() === '') return badRequest('user must be a non-empty string');
    if (password !== 'demo') return { status: 401, body: { error: 'wrong password (the demo password is "demo")' } };
    const id = randomUUID();
    remember(store.sessions, id, { user });
    return { status: 200, body: { user }, headers: { 'Set-Cookie': `session=${id}; Path=/; HttpOnly; SameSite=Lax` } };
  }
  if (path === '/profile') {
    if (method !== 'GET') return notAllowed('GET');
    const session = store.sessions.get(cookieValue(cookieHeader, 'session') ?? '');
    return session ? { status: 200, body: { user: session.user } } : { status: 401, body: { error: 'log in first: POST /login sets the session cookie' } };
  }
  if (path === '/old-home') {
    if (method !== 'GET') return notAllowed('GET');
    return { status: 302, body: { moved: '/home' }, headers: { Location: '/home' } };
  }
  if (path === '/home') {
    if (method !== 'GET') return notAllowed('GET');
    return { status: 200, body: { page: 'home', message: 'Welcome to the demo hospital' } };
  }
  return undefined;
}

function cookieValue(header, name) {
  for (const pair of (header ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

function parseJson(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, error: 'the body is not valid JSON' };
  }
}

const badRequest = (error) => ({ status: 400, body: { error } });
const notAllowed = (allow) => ({ status: 405, body: { error: `use ${allow}` }, headers: { Allow: allow } });

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.destroy();
        reject(new Error('body too large'));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res, { status, body, headers = {} }) {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function portFromArgs(argv) {
  const index = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='));
  if (index < 0) return 8888;
  const raw = argv[index].includes('=') ? argv[index].slice('--port='.length) : argv[index + 1];
  const port = Number(raw);
  if (raw === undefined || !/^\d+$/.test(raw) || port > 65535) {
    console.error(`demo-server: --port needs a number from 0 to 65535 (0 picks a free port), got ${raw ?? 'nothing'}`);
    process.exit(2);
  }
  return port;
}

async function main() {
  const port = portFromArgs(process.argv.slice(2));
  let server;
  try {
    server = await startDemoServer({ port });
  } catch (error) {
    const hint = error.code === 'EADDRINUSE' ? ` (port ${port} is taken: try --port 0 for a free one)` : '';
    console.error(`demo-server: cannot listen on 127.0.0.1:${port}: ${error.message}${hint}`);
    process.exit(1);
  }
  console.log(`Demo hospital API listening on ${server.url}  (Ctrl-C to stop)`);
  const stop = () => server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
