import { connectorBehaviour } from './support'

connectorBehaviour('near', 'NEAR Connect, NEP-413')
