import { bindingBehaviour } from './support'

bindingBehaviour('stellar')
