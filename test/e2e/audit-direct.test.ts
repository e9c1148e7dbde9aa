import { auditSuite } from './audit-suite';

auditSuite('direct');
