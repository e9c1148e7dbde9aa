import { overlapSuite } from './overlap-suite';

overlapSuite('chromium', ['default', 'row-buttons-icons', 'fixed-header']);
