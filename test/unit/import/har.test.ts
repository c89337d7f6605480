// HAR import decisions: which entries stay, redirects, pauses, repeats, and clear errors.

import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importHar, ImportError } from '../../../src/core/import';
import { checkScenario } from '../../../src/core/scenario';

interface EntrySpec {
  at: number;
  url: string;
  method?: string;
  status?: number;
  type?: string;
  mime?: string;
  time?: number;
  redirect?: string;
}

function har(entries: EntrySpec[]): unknown {
  return {
    log: {
      version: '1.2',
      entries: entries.map((entry) => ({
        startedDateTime: new Date(Date.UTC(2026, 0, 1) + entry.at).toISOString(),
        time: entry.time ?? 10,
        request: { method: entry.method ?? 'GET', url: entry.url, headers: [] },
        response: { status: entry.status ?? 200, redirectURL: entry.redirect ?? '', content: { mimeType: entry.mime ?? 'application/json' } },
        ...(entry.type ? { _resourceType: entry.type } : {}),
      })),
    },
  };
}

function requestLines(text: string): string[] {
  return text.split('\n').filter((line) => /^(GET|POST|PUT|DELETE|PATCH|HEAD) /.test(line));
}

function convert(entries: EntrySpec[], options: Partial<Parameters<typeof importHar>[1]> = {}) {
  const output = importHar(har(entries), { sideFilePrefix: 'x', ...options });
  const errors = checkScenario(output.scenario).diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(errors, [], output.scenario);
  return output;
}

describe('import har', () => {
  it('keeps entries in time order, whatever the file order', () => {
    const output = convert([
      { at: 500, url: 'http://a.localhost/second' },
      { at: 0, url: 'http://a.localhost/', type: 'document', mime: 'text/html' },
    ]);
    assert.deepEqual(requestLines(output.scenario), ['GET /', 'GET /second']);
  });

  it('leaves out static assets and other origins by default, counts them, and keeps them on request', () => {
    const entries: EntrySpec[] = [
      { at: 0, url: 'http://a.localhost/', type: 'document', mime: 'text/html' },
      { at: 10, url: 'http://a.localhost/x.png', mime: 'image/png' },
      { at: 20, url: 'http://a.localhost/app.js' },
      { at: 30, url: 'http://cdn.localhost/lib.css', type: 'stylesheet' },
      { at: 40, url: 'http://api.localhost/items', type: 'fetch' },
    ];
    const byDefault = convert(entries);
    assert.deepEqual(requestLines(byDefault.scenario), ['GET /']);
    assert.match(byDefault.scenario, /^# Not carried over: 2 static asset requests/m);
    assert.match(byDefault.scenario, /^# Not carried over: 1 request to http:\/\/api\.localhost \(--keep-origin http:\/\/api\.localhost keeps them\)/m);
    assert.ok(byDefault.notes.some((note) => /2 static asset requests/.test(note)));
    const kept = convert(entries, { keepStatic: true, keepOrigins: ['http://api.localhost'] });
    assert.deepEqual(requestLines(kept.scenario), ['GET /', 'GET /x.png', 'GET /app.js', 'GET http://api.localhost/items']);
    assert.equal(requestLines(convert(entries, { keepStatic: true, keepOrigins: 'all' }).scenario).length, 5);
  });

  it('takes the most frequent origin when there is no HTML document', () => {
    const output = convert([
      { at: 0, url: 'http://one.localhost/a' },
      { at: 10, url: 'http://two.localhost/b' },
      { at: 20, url: 'http://two.localhost/c' },
    ]);
    assert.match(output.scenario, /^# @host http:\/\/two\.localhost$/m);
    assert.deepEqual(requestLines(output.scenario), ['GET /b', 'GET /c']);
  });

  it('collapses a redirect chain into the first request', () => {
    const output = convert([
      { at: 0, url: 'http://a.localhost/login', method: 'POST', status: 302, redirect: '/home' },
      { at: 20, url: 'http://a.localhost/home', status: 301, redirect: 'http://a.localhost/home/' },
      { at: 40, url: 'http://a.localhost/home/' },
      { at: 60, url: 'http://a.localhost/home/' },
    ]);
    assert.deepEqual(requestLines(output.scenario), ['POST /login', 'GET /home/']);
    assert.match(output.scenario, /2 requests that followed a redirect/);
  });

  it('turns pauses into @think (capped at 30 s), ignores the browser\'s own pace, and groups back-to-back repeats', () => {
    const output = convert([
      { at: 0, url: 'http://a.localhost/a', time: 100 },
      { at: 150, url: 'http://a.localhost/b', time: 50 },
      { at: 1200, url: 'http://a.localhost/poll', time: 10 },
      { at: 1300, url: 'http://a.localhost/poll', time: 10 },
      { at: 1400, url: 'http://a.localhost/poll', time: 10 },
      { at: 600_000, url: 'http://a.localhost/later' },
    ]);
    const text = output.scenario;
    assert.match(text, /### GET \/b\n# @think 1s\nGET \/b/);
    assert.match(text, /2 more identical requests right after this one[^\n]*\n# @think 30s\nGET \/poll/);
    assert.doesNotMatch(text, /### GET \/a\n# @think/);
    assert.equal(requestLines(text).length, 4);
  });

  it('expects the recorded status when it was an error, so the replay does not count it as a failure', () => {
    const output = convert([{ at: 0, url: 'http://a.localhost/gone', status: 404 }]);
    assert.match(output.scenario, /# @expect status 404\nGET \/gone/);
  });

  it('says what is wrong with a file that is not a HAR', () => {
    const fails = (document: unknown, pattern: RegExp) =>
      assert.throws(() => importHar(document, { sideFilePrefix: 'x' }), (error: Error) => error instanceof ImportError && pattern.test(error.message));
    fails({ entries: [] }, /not a HAR file: there is no "log" object/);
    fails({ log: {} }, /"log" has no "entries" list/);
    fails({ log: { entries: [{ request: { method: 'GET', url: 'http://a/' }, startedDateTime: 'yesterday' }] } }, /log\.entries\[0\]\.startedDateTime is not a date/);
    fails({ log: { entries: [] } }, /has no entries/);
    fails(har([{ at: 0, url: 'http://a.localhost/x.png', mime: 'image/png' }]), /no request of the recording is left: 1 static asset request.*--keep-static/);
  });
});
