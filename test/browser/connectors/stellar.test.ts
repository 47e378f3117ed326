import { connectorBehaviour } from './support'

connectorBehaviour('stellar', 'Freighter protocol, SEP-53')
