import { disconnectSuite } from './disconnect-suite';

disconnectSuite('firefox');
