import { connectorBehaviour } from './support'

connectorBehaviour('evm', 'EIP-6963')
