/**
 * `AWS::Logs::LogGroup`: name (CDK usually sets `/aws/lambda/<function>`), retention, KMS key
 * and tags.
 * @module
 */
import { CreateLogGroupCommand, DeleteLogGroupCommand, DescribeLogGroupsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { generatePhysicalName } from '../physical-names.ts';
import { cfnTags, createOrAdopt, DifferenceList, optionalNumber, optionalString, type ResourceHandler } from '../resource-handler.ts';

export const logGroupHandler: ResourceHandler = {
  type: 'AWS::Logs::LogGroup',
  async provision({ clients, region, accountId, stackName }, logicalId, properties) {
    const name = optionalString(properties, 'LogGroupName') ?? generatePhysicalName({ stackName, logicalId, maxLength: 512 });
    const tags = cfnTags(properties);
    const create = () =>
      clients.logs.send(
        new CreateLogGroupCommand({
          logGroupName: name,
          kmsKeyId: optionalString(properties, 'KmsKeyId'),
          tags: tags.length > 0 ? Object.fromEntries(tags.map((tag) => [tag.Key, tag.Value])) : undefined,
        }),
      );
    // moto has no AssociateKmsKey, so an existing group is made again with the template's key.
    // Another provisioning of the same stack on a shared moto may be doing the same at this
    // moment: a group already gone, or already back, is fine.
    await createOrAdopt(create, ['ResourceAlreadyExistsException'], async () => {
      await createOrAdopt(() => clients.logs.send(new DeleteLogGroupCommand({ logGroupName: name })), ['ResourceNotFoundException'], () => Promise.resolve(undefined));
      return createOrAdopt(create, ['ResourceAlreadyExistsException'], () => Promise.resolve(undefined));
    });
    const retention = optionalNumber(properties, 'RetentionInDays');
    if (retention !== undefined) await clients.logs.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: retention }));
    return { logicalId, type: 'AWS::Logs::LogGroup', ref: name, attributes: { Arn: `arn:aws:logs:${region}:${accountId}:log-group:${name}:*` } };
  },
  async compare({ clients }, resource, properties) {
    const differences = new DifferenceList(resource);
    const { logGroups = [] } = await clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: resource.ref }));
    const group = logGroups.find((candidate) => candidate.logGroupName === resource.ref);
    differences.expect('LogGroupName', resource.ref, group?.logGroupName);
    differences.expect('RetentionInDays', optionalNumber(properties, 'RetentionInDays'), group?.retentionInDays);
    differences.expect('KmsKeyId', optionalString(properties, 'KmsKeyId'), group?.kmsKeyId);
    return differences.differences;
  },
};
