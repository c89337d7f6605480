import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseResultJson, resultJson, withoutCredentials } from '../../../src/core/report';
import { credentialsHidden } from '../../../src/core/report/credentials';
import { buildRunResult } from '../../fixtures/results';

describe('withoutCredentials', () => {
  it('drops the userinfo of a URL and keeps the rest', () => {
    assert.equal(withoutCredentials('http://admin:secret@api.example.invalid:8080/v1?q=1'), 'http://api.example.invalid:8080/v1?q=1');
    assert.equal(withoutCredentials('https://token@127.0.0.1'), 'https://127.0.0.1');
    assert.equal(withoutCredentials('http://user:pw@[::1]:9/'), 'http://[::1]:9/');
  });

  it('takes the userinfo to the last @ before the path, so a raw @ in a password goes whole', () => {
    assert.equal(withoutCredentials('http://admin:p@ss@w0rd@localhost:1/a@b'), 'http://localhost:1/a@b');
  });

  it('leaves URLs without userinfo as they are, including an @ in the path or query', () => {
    for (const url of ['http://localhost:8080', 'http://localhost/users/@me', 'http://h/?mail=a@b', 'not a url', '']) assert.equal(withoutCredentials(url), url);
  });
});

describe('credentialsHidden', () => {
  it('drops the userinfo of every URL in a text and keeps the rest', () => {
    assert.equal(
      credentialsHidden('GET http://admin:secret@127.0.0.1:9/a failed, then HTTPS://t0k3n@localhost/b?x=a@b too'),
      'GET http://127.0.0.1:9/a failed, then HTTPS://localhost/b?x=a@b too',
    );
    for (const text of ['mail me at a@b.invalid', 'http://localhost/users/@me', '']) assert.equal(credentialsHidden(text), text);
  });
});

describe('stored results', () => {
  it('resultJson never writes a host\'s credentials, and parseResultJson strips them from older files', () => {
    const result = buildRunResult({ durationS: 2 });
    result.host = 'http://admin:hunter2@127.0.0.1:9';
    const text = resultJson(result);
    assert.doesNotMatch(text, /hunter2|admin/);
    assert.equal(result.host, 'http://admin:hunter2@127.0.0.1:9', 'the caller\'s result is not changed');
    const old = JSON.stringify({ ...result });
    const parsed = parseResultJson(old);
    assert.ok(parsed.ok);
    assert.equal(parsed.ok && parsed.result.host, 'http://127.0.0.1:9');
  });
});
