/**
 * The template's `AWS::Events::Rule`s with a `ScheduleExpression` whose targets are local
 * functions: each target is invoked on schedule (asynchronously, as EventBridge does) with
 * EventBridge's Scheduled Event, or with the target's constant `Input`. `trigger()` fires a
 * rule now, for tests and the CLI.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { referencedLogicalId, type IntrinsicResolver } from '../../template/intrinsic-resolver.ts';
import { eventsRules } from '../../template/template-resources.ts';
import type { CfnTemplate } from '../../template/template-types.ts';
import type { InvocationResult, LocalFunction } from '../functions/local-function.ts';
import { nextFireTime, parseScheduleExpression, type ScheduleExpression } from './schedule-expression.ts';

export interface ScheduledRuleDefinition {
  readonly logicalId: string;
  readonly ruleName: string;
  readonly ruleArn: string;
  readonly expression: string;
  readonly schedule: ScheduleExpression;
  readonly enabled: boolean;
  /** `input`: the target's constant `Input`, parsed once; undefined: the Scheduled Event. */
  readonly targets: ReadonlyArray<{ readonly functionLogicalId: string; readonly input: unknown }>;
}

/** EventBridge's `Scheduled Event`. */
export interface ScheduledEvent {
  version: '0';
  id: string;
  'detail-type': 'Scheduled Event';
  source: 'aws.events';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, never>;
}

export function scheduledRulesFromTemplate(
  template: CfnTemplate,
  resolver: IntrinsicResolver,
  functions: ReadonlyMap<string, LocalFunction>,
  context: { region: string; accountId: string },
): ScheduledRuleDefinition[] {
  return eventsRules(template)
    .filter((rule) => rule.properties.ScheduleExpression !== undefined)
    .map(({ logicalId, properties }) => {
      const ruleName = typeof properties.Name === 'string' ? properties.Name : logicalId;
      const targets = (properties.Targets ?? []).flatMap((target) => {
        const functionLogicalId = referencedLogicalId(target.Arn);
        if (functionLogicalId === undefined || !functions.has(functionLogicalId)) return [];
        if (target.Input === undefined) return [{ functionLogicalId, input: undefined }];
        const location = { logicalId, property: `Targets.${target.Id}.Input` };
        const text = resolver.resolveString(target.Input, location);
        try {
          // Parsed here, so a malformed Input fails start-up naming the rule, not a timer later.
          return [{ functionLogicalId, input: JSON.parse(text) as unknown }];
        } catch (error) {
          throw new Error(`${logicalId}.${location.property} is not JSON: ${text}`, { cause: error });
        }
      });
      const expression = properties.ScheduleExpression ?? '';
      return {
        logicalId,
        ruleName,
        ruleArn: `arn:aws:events:${context.region}:${context.accountId}:rule/${ruleName}`,
        expression,
        schedule: parseScheduleExpression(expression),
        enabled: (properties.State ?? 'ENABLED') === 'ENABLED',
        targets,
      };
    });
}

export interface RunningSchedules {
  /** Fires the rule now; resolves with every target's invocation. */
  trigger(ruleLogicalId: string): Promise<InvocationResult[]>;
  stop(): Promise<void>;
}

export function startSchedules(
  rules: readonly ScheduledRuleDefinition[],
  options: { functions: ReadonlyMap<string, LocalFunction>; region: string; accountId: string; now?: () => number },
): RunningSchedules {
  const now = options.now ?? Date.now;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  async function fire(rule: ScheduledRuleDefinition): Promise<InvocationResult[]> {
    const time = new Date(now());
    time.setUTCSeconds(0, 0);
    const event: ScheduledEvent = {
      version: '0',
      id: randomUUID(),
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: options.accountId,
      time: time.toISOString().replace('.000Z', 'Z'),
      region: options.region,
      resources: [rule.ruleArn],
      detail: {},
    };
    const work = Promise.all(
      rule.targets.flatMap((target) => {
        const fn = options.functions.get(target.functionLogicalId);
        return fn === undefined ? [] : [fn.invoke(target.input === undefined ? event : target.input)];
      }),
    );
    inFlight.add(work);
    try {
      return await work;
    } finally {
      inFlight.delete(work);
    }
  }

  function arm(rule: ScheduledRuleDefinition, started: number, after: number): void {
    if (stopped) return;
    const at = nextFireTime(rule.schedule, after, started);
    // setTimeout holds at most ~24.8 days; a later fire time re-arms on the way.
    const delay = Math.min(at - now(), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (now() >= at) {
        void fire(rule);
        arm(rule, started, at);
      } else {
        arm(rule, started, after);
      }
    }, Math.max(0, delay));
    timer.unref();
    timers.add(timer);
  }

  const started = now();
  for (const rule of rules) if (rule.enabled && rule.targets.length > 0) arm(rule, started, started);

  return {
    trigger(ruleLogicalId) {
      const rule = rules.find((candidate) => candidate.logicalId === ruleLogicalId || candidate.ruleName === ruleLogicalId);
      if (rule === undefined) return Promise.reject(new Error(`no scheduled rule ${ruleLogicalId} (have ${rules.map((candidate) => candidate.logicalId).join(', ') || 'none'})`));
      return fire(rule);
    },
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...inFlight]);
    },
  };
}
