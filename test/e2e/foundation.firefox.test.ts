import { foundationSuite } from './foundation-suite';

foundationSuite('firefox');
