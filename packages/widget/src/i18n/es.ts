import { type Messages, chainName, shortAddress } from './messages'

/** Spanish. */
export const es: Messages = {
  lang: 'es',
  bindWarningTranslation: 'Las passkeys no se pueden recuperar. Vincula otra billetera de blockchain de inmediato.',
  operations: {
    supply: { name: 'Aportar', hint: 'Lleva tus activos depositados al fondo para ganar intereses o respaldar un préstamo.' },
    repay: { name: 'Devolver', hint: 'Devuelve lo que pediste prestado con tu saldo depositado.' },
    adjust: { name: 'Ajustar', hint: 'Mueve activos entre aportado y garantía. Nada sale de tu cuenta.' },
    borrow: { name: 'Pedir prestado', hint: 'Pide prestado con tu garantía y recibe el activo en otra cadena.' },
  },
  tablistLabel: 'Operaciones de préstamo',
  form: {
    asset: 'Activo',
    amount: 'Cantidad',
    max: 'Máx.',
    available: (amount, asset) => `Disponible: ${amount} ${asset}`,
    availableToBorrow: (amount, asset, cappedBy) =>
      cappedBy === 'pool' ? `Disponible: ${amount} ${asset}, todo lo que el fondo puede prestar ahora` : `Disponible: ${amount} ${asset}, lo que permite tu garantía`,
    asCollateral: 'Usar como garantía',
    direction: 'Mover',
    toCollateral: 'De aportado a garantía',
    toSupplied: 'De garantía a aportado',
    chain: 'Recibir en',
    recipient: 'Destinatario',
    toBoundWallet: (address) => `Tu billetera vinculada ${shortAddress(address)}`,
    noBoundWalletOn: (chain) => `Ninguna billetera vinculada en ${chain}`,
    toOtherAddress: 'Otra dirección',
    otherAddressNote: 'Otra dirección necesita una segunda confirmación y la firma de tu billetera vinculada.',
    addressPlaceholder: 'Dirección en la cadena elegida',
    checkingAddress: 'Comprobando la dirección…',
    addressValid: (address) => `Dirección válida: ${address}`,
    review: 'Revisar en la billetera',
    reviewing: 'Confirma en la billetera…',
    unavailableUnbound: 'Vincula primero una billetera. Aportar y Pedir prestado se abren cuando hay una billetera externa vinculada, para poder recuperar la cuenta.',
    healthBefore: 'Factor de salud ahora',
    healthAfter: 'Después',
    noDebt: 'sin deuda',
    previewing: 'Calculando el efecto…',
  },
  amountErrors: {
    required: 'Escribe una cantidad.',
    invalid: 'Escribe la cantidad como un número, por ejemplo 12.5.',
    tooManyDecimals: (decimals) => `Como máximo ${decimals} decimales.`,
    zero: 'La cantidad debe ser mayor que cero.',
    tooLarge: (max, asset) => `Como máximo ${max} ${asset}.`,
  },
  position: {
    title: 'Tu posición',
    empty: 'Aún no hay depósitos. Deposita activos en tu cuenta desde otra cadena para empezar.',
    asset: 'Activo',
    balance: 'Saldo',
    supplied: 'Aportado',
    collateral: 'Garantía',
    borrowed: 'Prestado',
    rates: (supply, borrow) => `TAE aporte ${supply} · TAE préstamo ${borrow}`,
    healthFactor: 'Factor de salud',
    borrowLimit: (limit, debt) => `Límite de préstamo $${limit} · Deuda $${debt}`,
  },
  history: {
    title: 'Actividad',
    empty: 'Aún no hay solicitudes.',
    final: 'Hecho',
    pending: 'Esperando al relayer',
    submitting: 'En camino',
    describe: ({ type, amount, asset, chain, address }) => {
      switch (type) {
        case 'supply':
          return `Aportar ${amount} ${asset}`
        case 'repay':
          return `Devolver ${amount} ${asset}`
        case 'adjust':
          return `Ajustar ${amount} ${asset}`
        case 'borrow':
          return `Pedir prestado ${amount} ${asset} a ${chainName(chain)} ${shortAddress(address ?? '')}`
        case 'add_wallet':
          return `Vincular billetera ${chainName(chain)} ${shortAddress(address ?? '')}`
        case 'remove_wallet':
          return `Quitar billetera ${chainName(chain)} ${shortAddress(address ?? '')}`
        case 'add_passkey':
          return 'Añadir una passkey'
        case 'remove_passkey':
          return 'Quitar una passkey'
        default:
          return type
      }
    },
  },
}
