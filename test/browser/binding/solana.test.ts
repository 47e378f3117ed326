import { bindingBehaviour } from './support'

bindingBehaviour('solana')
