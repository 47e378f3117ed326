import { bindingBehaviour } from './support'

bindingBehaviour('evm')
