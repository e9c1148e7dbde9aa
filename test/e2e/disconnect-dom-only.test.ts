import { guidedDisconnectSuite } from './guided-suite';

guidedDisconnectSuite('dom-only');
