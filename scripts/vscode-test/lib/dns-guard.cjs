// Loaded first by the Loadlens engine (dist/engine.js and dist/engine-worker.js) installed in the
// workspace-trust server only (lib/server.mjs, prepareTrustServer). The checks on that server
// answer "Cancel" to a run against a name that is not loopback (staging.loadlens.invalid).
// Should a regression start the run anyway, the engine's lookup fails here, before any DNS query
// leaves the machine; each refused name is appended to $LOADLENS_DNS_GUARD_LOG, which the runner
// prints. Loopback literals and localhost (from the hosts file) still resolve.
'use strict';
const dns = require('node:dns');
const { isIP } = require('node:net');
const { appendFileSync } = require('node:fs');

/** The error getaddrinfo would give, for any name but localhost and IP literals (those need no query). */
function refusal(hostname) {
  const name = String(hostname);
  if (isIP(name) || name.toLowerCase() === 'localhost') return undefined;
  if (process.env.LOADLENS_DNS_GUARD_LOG) {
    try {
      appendFileSync(process.env.LOADLENS_DNS_GUARD_LOG, `${name}\n`);
    } catch {
      // The log is for the report only.
    }
  }
  return Object.assign(new Error(`getaddrinfo ENOTFOUND ${name} (the e2e DNS guard resolves loopback names only)`), {
    code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname: name,
  });
}

const lookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, options, callback) {
  const error = refusal(hostname);
  if (!error) return lookup.call(this, hostname, options, callback);
  process.nextTick(typeof options === 'function' ? options : callback, error);
  return {};
};

const promisesLookup = dns.promises.lookup;
dns.promises.lookup = function guardedPromisesLookup(hostname, options) {
  const error = refusal(hostname);
  return error ? Promise.reject(error) : promisesLookup.call(this, hostname, options);
};
