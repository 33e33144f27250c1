/**
 * CloudFront in front of everything a client reaches: the web console bucket (default
 * behaviour, S3 origin access control), the HTTP API (one behaviour per first path segment of
 * the API's routes, nothing cached, every viewer header but Host forwarded), and the streaming
 * chat endpoint (the `chat-stream` function's URL in response-streaming mode, AWS_IAM auth signed
 * by a Lambda origin access control; CloudFront, with the distribution as SourceArn, is the only
 * principal allowed to invoke it). TLS 1.2 or newer (`TLS_V1_2_2021`) with the stage's ACM
 * certificate when it has a domain; the WAF web ACL from the us-east-1 stack.
 *
 * POST through a Lambda OAC: CloudFront signs the request but not the body, so a client of
 * `/chat/stream` sends `x-amz-content-sha256` (the body's SHA-256, hex); and the signature takes
 * the Authorization header, so the path rewrite copies the viewer's bearer token to
 * `x-serenya-authorization` first (README "Chat streaming").
 *
 * @example
 * ```ts
 * const edge = new SerenyaEdge(this, 'Edge', { config, webBucket, apiEndpoint, chatStream, webAclArn });
 * edge.distribution.distributionDomainName;
 * ```
 * @module
 */
import { Duration, Fn } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CacheCookieBehavior,
  CacheHeaderBehavior,
  CachePolicy,
  CacheQueryStringBehavior,
  Distribution,
  FunctionEventType,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { FunctionUrlOrigin, HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { FunctionUrlAuthType, InvokeMode, type FunctionUrl, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { ARecord, HostedZone, RecordTarget } from 'aws-cdk-lib/aws-route53';
import { CloudFrontTarget } from 'aws-cdk-lib/aws-route53-targets';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StageConfig } from '../../stage-config.ts';
import { apiPathPatterns } from '../http-api/api-routes.ts';
import { CHAT_STREAM_PATH, ChatStreamPath } from './chat-stream-path.ts';

/** How long CloudFront waits for the chat-stream origin's response (and between its bytes). */
export const CHAT_STREAM_READ_TIMEOUT = Duration.seconds(60);

export interface SerenyaEdgeProps {
  readonly config: StageConfig;
  readonly webBucket: IBucket;
  /** The HTTP API's endpoint, https://<id>.execute-api.<region>.amazonaws.com. */
  readonly apiEndpoint: string;
  /** The chat's streaming function (services/chat/src/stream-handler.ts): its URL streams the SSE answer. */
  readonly chatStream: IFunction;
  readonly webAclArn: string;
  readonly certificate?: ICertificate;
}

export class SerenyaEdge extends Construct {
  readonly distribution: Distribution;
  /** The chat-stream function's URL, reachable through CloudFront only. */
  readonly chatStreamUrl: FunctionUrl;

  constructor(scope: Construct, id: string, props: SerenyaEdgeProps) {
    super(scope, id);
    const { config } = props;

    const apiOrigin = new HttpOrigin(Fn.select(2, Fn.split('/', props.apiEndpoint)), {
      protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
      // The API's own 30 s integration limit is the real bound; CloudFront's default is 30 s too.
      readTimeout: Duration.seconds(30),
    });
    // CloudFront forwards a viewer's Authorization header only when the cache policy keys on it,
    // and a policy with caching disabled may key on nothing: so a policy that keys on it with
    // TTLs of zero. Nothing is cached in practice: every API response says `no-store`.
    const apiCachePolicy = new CachePolicy(this, 'ApiCachePolicy', {
      cachePolicyName: `serenya-${config.stage}-api-no-cache`,
      comment: 'Forwards Authorization to the API; TTL 0 (responses are no-store)',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: CacheHeaderBehavior.allowList('Authorization'),
      queryStringBehavior: CacheQueryStringBehavior.all(),
      cookieBehavior: CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    const api: BehaviorOptions = {
      origin: apiOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: apiCachePolicy,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      compress: true,
    };

    this.chatStreamUrl = props.chatStream.addFunctionUrl({ authType: FunctionUrlAuthType.AWS_IAM, invokeMode: InvokeMode.RESPONSE_STREAM });
    const chatStream: BehaviorOptions = {
      // 60 s, CloudFront's maximum without a quota raise, and the chat-stream function's timeout.
      origin: FunctionUrlOrigin.withOriginAccessControl(this.chatStreamUrl, { readTimeout: CHAT_STREAM_READ_TIMEOUT }),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      // An event stream is passed through as it is written; compressing it could hold events back.
      compress: false,
      functionAssociations: [{ function: new ChatStreamPath(this, 'ChatStreamPath', { stage: config.stage }).function, eventType: FunctionEventType.VIEWER_REQUEST }],
    };

    const additionalBehaviors: Record<string, BehaviorOptions> = { [CHAT_STREAM_PATH]: chatStream };
    for (const pattern of apiPathPatterns()) additionalBehaviors[pattern] = api;

    const domainNames = config.domain ? [config.domain.webDomain, config.domain.apiDomain] : undefined;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Serenya ${config.stage}: web console and API`,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(props.webBucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        compress: true,
      },
      additionalBehaviors,
      defaultRootObject: 'index.html',
      minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      sslSupportMethod: SSLMethod.SNI,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      webAclId: props.webAclArn,
      ...(domainNames && props.certificate ? { domainNames, certificate: props.certificate } : {}),
    });

    if (config.domain) {
      const zone = HostedZone.fromHostedZoneAttributes(this, 'Zone', { hostedZoneId: config.domain.hostedZoneId, zoneName: config.domain.zoneName });
      for (const [recordId, name] of [['WebRecord', config.domain.webDomain], ['ApiRecord', config.domain.apiDomain]] as const) {
        new ARecord(this, recordId, { zone, recordName: name, target: RecordTarget.fromAlias(new CloudFrontTarget(this.distribution)) });
      }
    }
  }

  /** https://<custom web domain or the distribution's own name>. */
  get webUrl(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }
}
