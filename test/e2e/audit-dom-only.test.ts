import { auditSuite } from './audit-suite';

auditSuite('dom-only');
