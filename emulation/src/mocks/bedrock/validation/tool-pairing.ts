/**
 * The rule both APIs enforce on tool calls: an assistant turn's tool-use ids must each be
 * answered by a tool result in the very next (user) turn, and a user turn may only answer
 * ids the turn before it asked. Each API words the failure its own way.
 * @module
 */
import { BedrockError } from '../errors.ts';

export interface TurnToolIds {
  role: 'user' | 'assistant';
  toolUseIds: string[];
  toolResultIds: string[];
}

/** The two messages, given the 0-based message index and the offending ids. */
export interface ToolPairingMessages {
  missingResults(index: number, ids: string[]): string;
  unexpectedResults(index: number, ids: string[]): string;
}

/**
 * Throws ValidationException at the first broken pair.
 *
 * @example
 * ```ts
 * checkToolPairing([{ role: 'assistant', toolUseIds: ['a'], toolResultIds: [] }, { role: 'user', toolUseIds: [], toolResultIds: [] }], messages);
 * ```
 */
export function checkToolPairing(turns: readonly TurnToolIds[], messages: ToolPairingMessages): void {
  turns.forEach((turn, index) => {
    const previous = turns[index - 1];
    const asked = new Set(previous?.role === 'assistant' ? previous.toolUseIds : []);
    const unexpected = turn.toolResultIds.filter((id) => !asked.has(id));
    if (unexpected.length > 0) throw new BedrockError('ValidationException', messages.unexpectedResults(index, unexpected));
    const next = turns[index + 1];
    if (turn.role === 'assistant' && turn.toolUseIds.length > 0 && next !== undefined) {
      const answered = new Set(next.toolResultIds);
      const missing = turn.toolUseIds.filter((id) => !answered.has(id));
      if (missing.length > 0) throw new BedrockError('ValidationException', messages.missingResults(index + 1, missing));
    }
  });
}
