import { foundationSuite } from './foundation-suite';

foundationSuite('chromium');
