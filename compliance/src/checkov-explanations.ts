/**
 * Every checkov failure that is explained rather than fixed, with the resources it concerns.
 * Applied by applyAcknowledgements as `Metadata.checkov.skip` on each resource.
 * @module
 */
import type { CheckovSkip } from './checkov-skip.ts';

export const CHECKOV_EXPLANATIONS: readonly CheckovSkip[] = [];
