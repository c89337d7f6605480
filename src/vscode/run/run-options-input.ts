// "Run Load Test with Options…": Locust's start form as a multi-step input (users, spawn rate,
// run time, host), prefilled from the file, each value checked as it is typed, Back to revise.
import * as vscode from 'vscode';
import type { RunOptions } from '../../core/protocol/engine';
import type { Scenario } from '../../core/scenario';
import { checkHost, checkRate, checkRunTime, checkSpawnRate, checkUsers, optionsFromForm, prefillOptions, type OptionsForm } from './logic/run-options';

interface Step {
  key: keyof Omit<OptionsForm, 'loadKind'>;
  prompt: string;
  placeholder: string;
  check: (value: string) => string | undefined;
}

function stepsFor(form: OptionsForm): Step[] {
  const load: Step =
    form.loadKind === 'rate'
      ? { key: 'load', prompt: 'Task iterations started per second (open model, like k6 constant-arrival-rate)', placeholder: 'e.g. 100', check: checkRate }
      : { key: 'load', prompt: 'Number of users (peak concurrency), Locust -u', placeholder: 'e.g. 50', check: checkUsers };
  const steps: Step[] = [load];
  if (form.loadKind === 'users') steps.push({ key: 'spawnRate', prompt: 'Spawn rate: users started per second, Locust -r (empty: all at once)', placeholder: 'e.g. 5', check: checkSpawnRate });
  steps.push(
    { key: 'runTime', prompt: 'Run time, Locust -t (empty: until stopped)', placeholder: 'e.g. 2m, 30s, 1h30m', check: checkRunTime },
    { key: 'host', prompt: 'Host: base URL for relative request URLs (empty: the file’s # @host)', placeholder: 'e.g. http://localhost:8888', check: checkHost },
  );
  return steps;
}

/** One step; resolves with the value, 'back', or undefined when the user cancelled. */
function askStep(step: Step, value: string, index: number, total: number, title: string): Promise<string | 'back' | undefined> {
  return new Promise((resolve) => {
    const input = vscode.window.createInputBox();
    input.title = title;
    input.step = index + 1;
    input.totalSteps = total;
    input.prompt = step.prompt;
    input.placeholder = step.placeholder;
    input.value = value;
    input.ignoreFocusOut = true;
    input.buttons = index > 0 ? [vscode.QuickInputButtons.Back] : [];
    let settled = false;
    const finish = (result: string | 'back' | undefined): void => {
      if (settled) return;
      settled = true;
      resolve(result);
      input.dispose();
    };
    input.onDidChangeValue((text) => (input.validationMessage = step.check(text)));
    input.onDidAccept(() => {
      const problem = step.check(input.value);
      if (problem) input.validationMessage = problem;
      else finish(input.value.trim());
    });
    input.onDidTriggerButton((button) => {
      if (button === vscode.QuickInputButtons.Back) finish('back');
    });
    input.onDidHide(() => finish(undefined));
    input.validationMessage = step.check(value);
    input.show();
  });
}

/**
 * The options the user chose, or undefined when they cancelled. `fallback` fills the fields a
 * file without a load model leaves empty (a plain .http file); `title` names the flow.
 */
export async function askRunOptions(scenario: Scenario, fileName: string, defaultHost: string, fallback?: Partial<OptionsForm>, title = `Run ${fileName} with options`): Promise<RunOptions | undefined> {
  const form = prefillOptions(scenario, defaultHost);
  if (!scenario.load && fallback) Object.assign(form, { ...fallback, host: form.host || fallback.host || '' });
  const steps = stepsFor(form);
  let index = 0;
  while (index < steps.length) {
    const step = steps[index] as Step;
    const answer = await askStep(step, form[step.key], index, steps.length, title);
    if (answer === undefined) return undefined;
    if (answer === 'back') {
      index = Math.max(0, index - 1);
      continue;
    }
    form[step.key] = answer;
    index += 1;
  }
  return optionsFromForm(form, scenario);
}
