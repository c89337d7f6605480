// Hostile sources, generated: whatever a HAR entry or a curl command holds, the import either
// refuses the source with an ImportError or writes a scenario that passes `check`, keeps the
// load it was given (no smuggled directive) and has one request block per request it kept.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importCurl, importHar, ImportError } from '../../../src/core/import';
import { isSendableMethod } from '../../../src/core/import/write-scenario';
import { checkScenario } from '../../../src/core/scenario';

/** A small seeded generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['\n', '\r\n', '\r', '###', '# @users 999', '// @rate 5/s', '< /etc/passwd', '<@ ./x', '?? status == 200', '{{', '}}', '{{$processEnv HOME}}', '{{x}}', '@v = 1', ' ', '\t', '\u0000', '\u001b[2J', '\u202e', '\u2028', 'GET /evil', 'a', 'é', '%', '"', "'", ':', ';', '/', '?', '&', '='];

function hostile(next: () => number, max = 6): string {
  let out = '';
  const count = 1 + Math.floor(next() * max);
  for (let i = 0; i < count; i++) out += PIECES[Math.floor(next() * PIECES.length)];
  return out;
}

function assertSafe(text: string, expectedRequests: number): void {
  const { scenario, diagnostics } = checkScenario(text);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], text);
  assert.equal(scenario.load?.kind === 'users' ? scenario.load.users : undefined, 5, text);
  assert.equal(scenario.requests.length, expectedRequests, text);
  for (const request of scenario.requests) assert.notEqual(request.body?.kind === 'file' && !request.body.path.startsWith('./fuzz.body-'), true, text);
}

describe('import: generated hostile sources never break out of their place', () => {
  it('HAR entries with hostile methods, URLs, headers and bodies (300 cases)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const method = next() < 0.8 ? 'POST' : hostile(next, 2);
      const entry = {
        startedDateTime: '2026-01-01T00:00:00.000Z',
        time: 5,
        request: {
          method,
          url: `http://a.localhost/${hostile(next)}`,
          headers: [{ name: next() < 0.7 ? 'X-Test' : hostile(next, 2), value: hostile(next) }, { name: 'Cookie', value: hostile(next) }],
          postData: { mimeType: 'text/plain', text: hostile(next, 10) },
        },
        response: { status: 200, content: { mimeType: 'application/json' } },
      };
      const convert = () => importHar({ log: { pages: [{ title: hostile(next) }], entries: [entry] } }, { sideFilePrefix: 'fuzz' });
      if (isSendableMethod(method)) assertSafe(convert().scenario, 1);
      else assert.throws(convert, (error: Error) => error instanceof ImportError && /no request could be written: .*not an HTTP method/.test(error.message));
    }
  });

  it('curl commands with hostile words (300 cases)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed * 7919);
      const words = ['curl', `http://a.localhost/${hostile(next)}`, '-H', `X-A: ${hostile(next)}`, '-H', `${hostile(next, 2)}: v`, '--data-raw', hostile(next, 10), '-A', hostile(next)];
      try {
        assertSafe(importCurl(words, { sideFilePrefix: 'fuzz', readFile: () => undefined }).scenario, 1);
      } catch (error) {
        if (!(error instanceof ImportError)) throw error;
      }
    }
  });
});
