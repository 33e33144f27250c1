/**
 * The five alarm topics of ORIGINAL-DESIGN.md (critical, warning, performance, cost, security),
 * encrypted with the alarms key (whose policy admits CloudWatch), TLS-only, each with the
 * stage's e-mail subscriptions.
 *
 * @example
 * ```ts
 * const topics = new AlarmTopics(this, 'AlarmTopics', { stage, key: keys.alarms, emails: config.alarmEmails });
 * alarm.addAlarmAction(new SnsAction(topics.critical));
 * ```
 * @module
 */
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export const AlarmTopicNames = ['critical', 'warning', 'performance', 'cost', 'security'] as const;
export type AlarmTopicName = (typeof AlarmTopicNames)[number];

export interface AlarmTopicsProps {
  readonly stage: string;
  readonly key: IKey;
  readonly emails: Record<AlarmTopicName, string[]>;
}

export class AlarmTopics extends Construct {
  readonly topics: Record<AlarmTopicName, Topic>;

  constructor(scope: Construct, id: string, props: AlarmTopicsProps) {
    super(scope, id);
    const topics = {} as Record<AlarmTopicName, Topic>;
    for (const name of AlarmTopicNames) {
      const topic = new Topic(this, `${name}Topic`, {
        topicName: `serenya-${props.stage}-${name}-alerts`,
        displayName: `Serenya ${props.stage} ${name} alerts`,
        masterKey: props.key,
        enforceSSL: true,
      });
      for (const address of props.emails[name]) topic.addSubscription(new EmailSubscription(address));
      topics[name] = topic;
    }
    this.topics = topics;
  }
}
