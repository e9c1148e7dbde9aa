import { disconnectSuite } from './disconnect-suite';

disconnectSuite('chromium');
