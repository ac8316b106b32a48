import { BUNDLERS } from '../helpers/bundlers'
import { describeBundler } from './suite'

describeBundler(BUNDLERS.rollup4)
