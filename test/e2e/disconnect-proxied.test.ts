import { guidedDisconnectSuite } from './guided-suite';

guidedDisconnectSuite('proxied');
