import { describe, expect, it } from 'vitest';
import { browserEnvironment } from '../harness/browser';

describe('the environment the tests start Chromium with', () => {
  it('leaves libfaketime out and keeps everything else', () => {
    const env = browserEnvironment({
      PATH: '/usr/bin',
      TZ: 'Asia/Shanghai',
      LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
      FAKETIME: '+2592000',
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
      DONT_FAKE_MONOTONIC: '1',
      HOME: undefined,
    });
    expect(env).toEqual({ PATH: '/usr/bin', TZ: 'Asia/Shanghai' });
  });
});
