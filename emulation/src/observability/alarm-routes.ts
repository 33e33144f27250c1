/**
 * `GET /_local/alarms`: every alarm of the template with its state, reason and recent values,
 * as JSON, for the CLI to mount next to the API (`app.route('/', alarmRoutes(evaluator))`).
 * @module
 */
import { Hono } from 'hono';
import type { AlarmEvaluator } from './alarm-evaluator.ts';

export function alarmRoutes(evaluator: Pick<AlarmEvaluator, 'alarmStates'>): Hono {
  const app = new Hono();
  app.get('/_local/alarms', (context) => {
    const alarms = evaluator.alarmStates();
    const counts = { OK: 0, ALARM: 0, INSUFFICIENT_DATA: 0 };
    for (const alarm of alarms) counts[alarm.state] += 1;
    return context.json({ counts, alarms });
  });
  return app;
}
