/**
 * How `npm test` finds or gets Chromium (test/support/setup/chromium.mjs): the order it tries, on a
 * described machine instead of this one, so that no browser is installed or removed.
 */
import { describe, expect, test } from 'vitest';
import { ensure, type Machine } from '../support/setup/chromium.mjs';

/** A machine where the browsers in `working` start, recording what ensure() did on it. */
function describedMachine(options: {
  env?: Record<string, string>;
  working?: string[];
  root?: boolean;
  aptSucceeds?: boolean;
  playwrightSucceeds?: boolean;
}) {
  const working = new Set(options.working ?? []);
  const actions: string[] = [];
  const machine: Machine = {
    env: options.env ?? {},
    candidates: () => [
      ['system', '/usr/bin/chromium'],
      ['system', '/usr/bin/google-chrome'],
      ['Playwright cache', '/cache/chrome'],
    ],
    works: (path) => working.has(path),
    canUseApt: () => options.root ?? false,
    installWithApt: () => {
      actions.push('apt-get');
      if (options.aptSucceeds) working.add('/usr/bin/chromium');
      return options.aptSucceeds ?? false;
    },
    installWithPlaywright: () => {
      actions.push('playwright install');
      if (options.playwrightSucceeds) working.add('/cache/chrome');
      return options.playwrightSucceeds ?? false;
    },
    playwrightChromium: () => '/cache/chrome',
    log: () => undefined,
  };
  return { machine, actions };
}

describe('finding Chromium for npm test', () => {
  test('CHROMIUM_PATH wins over every browser found', async () => {
    const { machine, actions } = describedMachine({
      env: { CHROMIUM_PATH: '/opt/chrome' },
      working: ['/opt/chrome', '/usr/bin/chromium'],
    });
    expect(await ensure(machine)).toEqual({ CHROMIUM_PATH: '/opt/chrome' });
    expect(actions).toEqual([]);
  });

  test('a CHROMIUM_PATH that does not start is an error that names it, not a silent fallback', async () => {
    const { machine } = describedMachine({ env: { CHROMIUM_PATH: '/nowhere' }, working: ['/usr/bin/chromium'] });
    await expect(ensure(machine)).rejects.toThrow('CHROMIUM_PATH=/nowhere does not start');
  });

  test('a system browser comes before Playwright’s cache, and a broken one is passed over', async () => {
    const both = describedMachine({ working: ['/usr/bin/google-chrome', '/cache/chrome'] });
    expect(await ensure(both.machine)).toEqual({ CHROMIUM_PATH: '/usr/bin/google-chrome' });
    const cacheOnly = describedMachine({ working: ['/cache/chrome'] });
    expect(await ensure(cacheOnly.machine)).toEqual({ CHROMIUM_PATH: '/cache/chrome' });
    expect(cacheOnly.actions).toEqual([]);
  });

  test('with none, root installs Debian’s package before trying a download', async () => {
    const { machine, actions } = describedMachine({ root: true, aptSucceeds: true, playwrightSucceeds: true });
    expect(await ensure(machine)).toEqual({ CHROMIUM_PATH: '/usr/bin/chromium' });
    expect(actions).toEqual(['apt-get']);
  });

  test('when apt fails, or without root, Playwright downloads one', async () => {
    const aptFails = describedMachine({ root: true, aptSucceeds: false, playwrightSucceeds: true });
    expect(await ensure(aptFails.machine)).toEqual({ CHROMIUM_PATH: '/cache/chrome' });
    expect(aptFails.actions).toEqual(['apt-get', 'playwright install']);
    const notRoot = describedMachine({ root: false, playwrightSucceeds: true });
    expect(await ensure(notRoot.machine)).toEqual({ CHROMIUM_PATH: '/cache/chrome' });
    expect(notRoot.actions).toEqual(['playwright install']);
  });

  test('when everything fails, the error says what to do', async () => {
    const { machine, actions } = describedMachine({ root: true });
    await expect(ensure(machine)).rejects.toThrow(
      /sudo apt-get install chromium[\s\S]*npx playwright install chromium[\s\S]*CHROMIUM_PATH/,
    );
    expect(actions).toEqual(['apt-get', 'playwright install']);
  });
});
