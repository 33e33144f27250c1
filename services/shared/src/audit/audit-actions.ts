/**
 * The security-relevant actions Serenya records. Names are `domain.verb` and stable: audit
 * queries and the HIPAA report key on them.
 * @module
 */
export const AuditActions = {
  signIn: 'auth.sign_in',
  refresh: 'auth.refresh',
  refreshReuse: 'auth.refresh_reuse_detected',
  logout: 'auth.logout',
  documentUploaded: 'document.uploaded',
  jobRead: 'job.read',
  jobRetried: 'job.retried',
  contentCreated: 'content.created',
  contentRead: 'content.read',
  timelineRead: 'content.timeline_read',
  chatMessageSent: 'chat.message_sent',
  conversationRead: 'chat.conversation_read',
  accountExported: 'account.exported',
  accountErased: 'account.erased',
} as const;

export type AuditAction = (typeof AuditActions)[keyof typeof AuditActions];
