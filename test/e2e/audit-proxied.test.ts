import { auditSuite } from './audit-suite';

auditSuite('proxied');
