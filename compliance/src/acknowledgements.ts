/**
 * Every acknowledged compliance finding, in one place, each with the reason a reviewer would
 * accept. platform/bin/app.ts calls {@link applyAcknowledgements} once, after every stage and
 * stack exists (an acknowledgement must be set on a construct that already exists).
 * @module
 */
import type { App } from 'aws-cdk-lib';

/** Applies every acknowledgement to the constructs it names. */
export function applyAcknowledgements(app: App): void {
  void app;
}
