import { bindingBehaviour } from './support'

bindingBehaviour('near')
