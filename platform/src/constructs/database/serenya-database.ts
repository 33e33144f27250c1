/**
 * PostgreSQL 18 on RDS (the same major as the embedded server the tests run), behind an RDS
 * Proxy that the functions reach with IAM auth over TLS: no database password exists in any
 * function. The original design's values: 30-day backups in 03:00-04:00 UTC, maintenance
 * sun:04:00-05:00, Performance Insights, enhanced monitoring every 60 s, Multi-AZ (production).
 *
 * - storage, Performance Insights and the master secret: the RDS storage key;
 * - `rds.force_ssl=1`: the server refuses plain connections;
 * - log exports `postgresql` and `upgrade` into log groups created here first (KMS, retention),
 *   so RDS never creates unencrypted ones (and no LogRetention helper function is needed);
 * - the master secret rotates every 30 days (hosted single-user rotation in the isolated subnets);
 * - the proxy uses end-to-end IAM auth (`DefaultAuthScheme.IAM_AUTH`): it signs in to the
 *   database as the connecting user with its own role, which may connect as the app's login user
 *   only. That user needs `GRANT rds_iam` (README "Database bootstrap").
 *
 * Security groups, all SG to SG on the literal port: functions → proxy, proxy → database,
 * rotation → database; the proxy and the rotation function reach Secrets Manager through the
 * endpoints (see network/).
 *
 * @example
 * ```ts
 * const database = new SerenyaDatabase(this, 'Database', { stage, vpc, storageKey, logsKey, … });
 * database.proxy.grantConnect(role, 'serenya_app_user');
 * ```
 * @module
 */
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { InstanceType, Port, SecurityGroup, SubnetType, type IVpc } from 'aws-cdk-lib/aws-ec2';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  CaCertificate,
  Credentials,
  DatabaseInstance,
  DatabaseInstanceEngine,
  DatabaseProxy,
  DefaultAuthScheme,
  ParameterGroup,
  PostgresEngineVersion,
  ProxyTarget,
  StorageType,
} from 'aws-cdk-lib/aws-rds';
import { HostedRotation } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** The database the services use. */
export const DATABASE_NAME = 'serenya';
/** The database port, literal everywhere (security groups, NACLs, DATABASE_URL). */
export const DATABASE_PORT = 5432;
/** The RDS log types exported to CloudWatch Logs (HIPAA.Security-RDSLoggingEnabled wants both). */
export const DATABASE_LOG_EXPORTS = ['postgresql', 'upgrade'] as const;

/** The instance's identifier, `serenya-<stage>-db` (alarms, dashboard and the DR runbook name it). */
export function databaseInstanceIdentifier(stage: string): string {
  return `serenya-${stage}-db`;
}

/** The RDS Proxy's name, `serenya-<stage>-db-proxy`. */
export function databaseProxyName(stage: string): string {
  return `serenya-${stage}-db-proxy`;
}

export interface SerenyaDatabaseProps {
  readonly stage: string;
  readonly vpc: IVpc;
  readonly storageKey: IKey;
  readonly logsKey: IKey;
  readonly logRetention: RetentionDays;
  readonly instanceClass: string;
  readonly allocatedStorageGiB: number;
  readonly maxAllocatedStorageGiB: number;
  readonly multiAz: boolean;
  readonly appLoginUser: string;
}

export class SerenyaDatabase extends Construct {
  readonly instance: DatabaseInstance;
  readonly instanceIdentifier: string;
  readonly proxy: DatabaseProxy;
  readonly databaseSecurityGroup: SecurityGroup;
  readonly proxySecurityGroup: SecurityGroup;
  readonly rotationSecurityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: SerenyaDatabaseProps) {
    super(scope, id);
    this.instanceIdentifier = databaseInstanceIdentifier(props.stage);
    const isolated = { subnetType: SubnetType.PRIVATE_ISOLATED };

    this.databaseSecurityGroup = new SecurityGroup(this, 'DatabaseSecurityGroup', {
      vpc: props.vpc,
      description: 'PostgreSQL: only from RDS Proxy and the secret rotation function',
      allowAllOutbound: false,
    });
    this.proxySecurityGroup = new SecurityGroup(this, 'ProxySecurityGroup', {
      vpc: props.vpc,
      description: 'RDS Proxy: PostgreSQL from the Serenya functions; out to the database and Secrets Manager',
      allowAllOutbound: false,
    });
    this.rotationSecurityGroup = new SecurityGroup(this, 'RotationSecurityGroup', {
      vpc: props.vpc,
      description: 'Master secret rotation: out to the database and Secrets Manager',
      allowAllOutbound: false,
    });
    this.databaseSecurityGroup.addIngressRule(this.proxySecurityGroup, Port.tcp(DATABASE_PORT), 'PostgreSQL from RDS Proxy');
    this.databaseSecurityGroup.addIngressRule(this.rotationSecurityGroup, Port.tcp(DATABASE_PORT), 'PostgreSQL from the secret rotation function');
    this.proxySecurityGroup.addEgressRule(this.databaseSecurityGroup, Port.tcp(DATABASE_PORT), 'PostgreSQL to the database');
    this.rotationSecurityGroup.addEgressRule(this.databaseSecurityGroup, Port.tcp(DATABASE_PORT), 'PostgreSQL to the database');

    const engine = DatabaseInstanceEngine.postgres({ version: PostgresEngineVersion.VER_18 });
    const parameterGroup = new ParameterGroup(this, 'Parameters', {
      engine,
      description: `Serenya ${props.stage}: TLS required`,
      parameters: { 'rds.force_ssl': '1' },
    });

    // Created before the instance, so RDS writes into encrypted groups with a retention.
    const exportLogGroups = DATABASE_LOG_EXPORTS.map(
      (logType) =>
        new LogGroup(this, `${logType}LogGroup`, {
          logGroupName: `/aws/rds/instance/${this.instanceIdentifier}/${logType}`,
          encryptionKey: props.logsKey,
          retention: props.logRetention,
          removalPolicy: RemovalPolicy.RETAIN,
        }),
    );

    this.instance = new DatabaseInstance(this, 'Instance', {
      instanceIdentifier: this.instanceIdentifier,
      engine,
      instanceType: new InstanceType(props.instanceClass.replace(/^db\./, '')),
      vpc: props.vpc,
      vpcSubnets: isolated,
      securityGroups: [this.databaseSecurityGroup],
      publiclyAccessible: false,
      port: DATABASE_PORT,
      databaseName: DATABASE_NAME,
      credentials: Credentials.fromGeneratedSecret('serenya_admin', {
        secretName: `serenya/${props.stage}/database-master`,
        encryptionKey: props.storageKey,
      }),
      parameterGroup,
      caCertificate: CaCertificate.RDS_CA_RSA2048_G1,
      multiAz: props.multiAz,
      storageType: StorageType.GP3,
      allocatedStorage: props.allocatedStorageGiB,
      maxAllocatedStorage: props.maxAllocatedStorageGiB,
      storageEncrypted: true,
      storageEncryptionKey: props.storageKey,
      iamAuthentication: true,
      backupRetention: Duration.days(30),
      preferredBackupWindow: '03:00-04:00',
      preferredMaintenanceWindow: 'sun:04:00-sun:05:00',
      deleteAutomatedBackups: false,
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: props.storageKey,
      monitoringInterval: Duration.seconds(60),
      monitoringRole: enhancedMonitoringRole(this),
      cloudwatchLogsExports: [...DATABASE_LOG_EXPORTS],
    });
    for (const group of exportLogGroups) this.instance.node.addDependency(group);

    this.instance.secret?.addRotationSchedule('MasterSecretRotation', {
      automaticallyAfter: Duration.days(30),
      hostedRotation: HostedRotation.postgreSqlSingleUser({
        functionName: `serenya-${props.stage}-db-secret-rotation`,
        vpc: props.vpc,
        vpcSubnets: isolated,
        securityGroups: [this.rotationSecurityGroup],
      }),
    });

    const proxyRole = new Role(this, 'ProxyRole', {
      assumedBy: new ServicePrincipal('rds.amazonaws.com'),
      description: 'RDS Proxy: end-to-end IAM auth to the database as the app login user',
    });
    proxyRole.addToPolicy(
      new PolicyStatement({
        effect: Effect.ALLOW,
        actions: ['rds-db:connect'],
        resources: [`arn:${Aws.PARTITION}:rds-db:${Stack.of(this).region}:${Aws.ACCOUNT_ID}:dbuser:${this.instance.instanceResourceId}/${props.appLoginUser}`],
      }),
    );
    this.proxy = new DatabaseProxy(this, 'Proxy', {
      dbProxyName: databaseProxyName(props.stage),
      proxyTarget: ProxyTarget.fromInstance(
        // The target opens the database's group to the proxy on the instance's port, which a
        // DatabaseInstance knows only as its endpoint attribute (a token). This view of the same
        // instance names the literal port, so that opening is the literal rule pair above,
        // readable by the rule checks, and nothing is added twice.
        DatabaseInstance.fromDatabaseInstanceAttributes(this, 'ProxyTargetInstance', {
          instanceIdentifier: this.instance.instanceIdentifier,
          instanceEndpointAddress: this.instance.dbInstanceEndpointAddress,
          port: DATABASE_PORT,
          securityGroups: [this.databaseSecurityGroup],
          engine,
        }),
      ),
      defaultAuthScheme: DefaultAuthScheme.IAM_AUTH,
      iamAuth: true,
      requireTLS: true,
      role: proxyRole,
      vpc: props.vpc,
      vpcSubnets: isolated,
      securityGroups: [this.proxySecurityGroup],
      debugLogging: false,
    });
  }
}

/**
 * Enhanced monitoring's role, written out instead of the AWS-managed
 * AmazonRDSEnhancedMonitoringRole: the same actions, on the RDSOSMetrics log group only.
 */
function enhancedMonitoringRole(scope: Construct): Role {
  const role = new Role(scope, 'EnhancedMonitoringRole', {
    assumedBy: new ServicePrincipal('monitoring.rds.amazonaws.com'),
    description: 'RDS enhanced monitoring: writes OS metrics to the RDSOSMetrics log group',
  });
  // The instance's own region: RDS writes OS metrics to RDSOSMetrics where the instance runs.
  const group = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:RDSOSMetrics`;
  role.addToPolicy(new PolicyStatement({ actions: ['logs:CreateLogGroup', 'logs:PutRetentionPolicy'], resources: [group] }));
  role.addToPolicy(
    new PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:GetLogEvents'],
      // Enhanced monitoring names one stream per instance resource id, unknown before creation.
      resources: [`${group}:log-stream:*`],
    }),
  );
  return role;
}
