import { describe, expect, it } from 'vitest';
import { labValueLine } from '../domain/system-prompt.ts';
import type { ChatMessage } from '../messages/chat-messages.ts';
import { toModelMessages } from './send-message.ts';

const at = new Date('2026-01-01T00:00:00Z');
const msg = (role: 'user' | 'assistant', text: string): ChatMessage => ({ id: crypto.randomUUID(), role, text, createdAt: at });

describe('toModelMessages', () => {
  it('sends the history as alternating turns, then the question', () => {
    expect(toModelMessages([msg('user', 'q1'), msg('assistant', 'a1')], 'q2')).toEqual([
      { role: 'user', content: [{ text: 'q1' }] },
      { role: 'assistant', content: [{ text: 'a1' }] },
      { role: 'user', content: [{ text: 'q2' }] },
    ]);
  });

  it('drops an answer the window cut from its question, and a question without an answer', () => {
    expect(toModelMessages([msg('assistant', 'a0'), msg('user', 'q1'), msg('assistant', 'a1'), msg('user', 'q-lost')], 'q2').map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(toModelMessages([], 'q')).toEqual([{ role: 'user', content: [{ text: 'q' }] }]);
  });
});

describe('labValueLine', () => {
  it('writes one value as the line the model (and the mock) reads', () => {
    expect(labValueLine({ name: 'LDL Cholesterol', value: 162, unit: 'mg/dL', referenceRange: { low: null, high: 100, text: '<100' }, flag: 'high', explanation: 'x' })).toBe(
      'LDL Cholesterol: 162 mg/dL (reference <100) — high',
    );
  });
});
