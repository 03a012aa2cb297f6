// A job thread's console capture: console.* and the job logger become run log lines with their level,
// long lines are cut before they leave the thread, and past the cap lines are only counted.
import { MAX_LOG_LINE_CHARS } from '@distillery/domain';
import { afterEach, describe, expect, it } from 'vitest';

import type { LogItem } from '../src/metrics/log-sink.ts';
import { captureConsole, type ConsoleCapture } from '../src/threads/console-capture.ts';

let capture: ConsoleCapture | null = null;
afterEach(() => capture?.restore());

describe('captureConsole', () => {
  it('turns console calls and logger lines into leveled lines, cuts long ones, counts drops past the cap', () => {
    const sent: LogItem[] = [];
    const printed = console.warn;
    capture = captureConsole((items) => sent.push(...items), 4);
    console.warn('backend %s has %d cores', 'cpu', 2);
    console.error(new Error('boom').message);
    capture.logger.info('y'.repeat(MAX_LOG_LINE_CHARS + 10));
    capture.logger.debug('fourth');
    capture.logger.info('fifth: over the cap');
    console.log('sixth');
    capture.sendBuffer();
    capture.restore();
    expect(console.warn).toBe(printed);
    console.warn('after restore is not captured');
    const lines = sent.filter((i) => 'message' in i);
    expect(lines.map((l) => [l.level, l.message.slice(0, 30)])).toEqual([
      ['WARN', 'backend cpu has 2 cores'],
      ['ERROR', 'boom'],
      ['INFO', 'y'.repeat(30)],
      ['DEBUG', 'fourth'],
    ]);
    expect(lines[2]!.message).toHaveLength(MAX_LOG_LINE_CHARS);
    expect(sent.filter((i) => 'dropped' in i)).toEqual([{ dropped: 2 }]);
  });
});
