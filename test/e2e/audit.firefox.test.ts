import { auditSuite } from './audit-suite';

auditSuite('direct', 'firefox');
auditSuite('proxied', 'firefox');
auditSuite('dom-only', 'firefox');
