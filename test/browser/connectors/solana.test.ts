import { connectorBehaviour } from './support'

connectorBehaviour('solana', 'Wallet Standard')
