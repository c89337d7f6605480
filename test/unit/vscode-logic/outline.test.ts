import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseScenario } from '../../../src/core/scenario';
import { scenarioOutline } from '../../../src/vscode/language/outline';

describe('scenarioOutline', () => {
  it('lists the header, then each request under its stats name with its request line selected', () => {
    const text = ['# comment', '# @users 5', '@x = 1', '', '### Home', '# @task 2', 'GET /', '', '###', '# @name item', 'GET /item/{{x}}', ''].join('\n');
    const outline = scenarioOutline(parseScenario(text));
    assert.deepEqual(
      outline.map((entry) => [entry.kind, entry.name, entry.detail]),
      [
        ['header', 'Scenario settings', '1 directive, 1 variable'],
        ['request', 'Home', 'GET / · task 2'],
        ['request', 'GET /item/{{x}}', '@name item'],
      ],
    );
    assert.equal(outline[0]?.range.start.line, 0);
    assert.equal(outline[0]?.range.end.line, 3);
    assert.equal(outline[0]?.selectionRange.start.line, 1);
    assert.equal(outline[1]?.range.start.line, 4);
    assert.equal(outline[1]?.selectionRange.start.line, 6);
    assert.equal(outline[2]?.selectionRange.start.line, 10);
  });

  it('marks the requests of the @setup and @on-start sequences', () => {
    const text = ['###', '# @setup', 'POST http://h/token', '###', '# @on-start', 'POST http://h/login', '###', 'GET http://h/me', '###', '# @task', 'GET http://h/'].join('\n');
    assert.deepEqual(
      scenarioOutline(parseScenario(text)).map((entry) => entry.detail),
      ['setup', 'on-start', 'on-start', 'task 1'],
    );
  });

  it('has no header entry when the file starts with a request block', () => {
    const outline = scenarioOutline(parseScenario('### Home\nGET http://localhost/\n'));
    assert.deepEqual(outline.map((entry) => entry.kind), ['request']);
  });

  it('lists a first request written without ### (REST Client style), after the settings above it', () => {
    const text = ['# @users 5', '', '# @name first', 'GET http://localhost/a', '', '###', 'GET http://localhost/b', ''].join('\n');
    const outline = scenarioOutline(parseScenario(text));
    assert.deepEqual(outline.map((entry) => [entry.kind, entry.name, entry.range.start.line, entry.selectionRange.start.line]), [
      ['header', 'Scenario settings', 0, 0],
      ['request', 'GET http://localhost/a', 2, 3],
      ['request', 'GET http://localhost/b', 5, 6],
    ]);
    assert.equal(outline[0]?.range.end.line, 1);
  });
});
