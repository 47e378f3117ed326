/** Shows each of the element's events, newest first; details are public by design (nothing secret crosses). */
export function mountEventLog(list: HTMLElement, element: HTMLElement): void {
  const types = [
    'ccl-ready',
    'ccl-state-change',
    'ccl-account-created',
    'ccl-signed-in',
    'ccl-wallet-bound',
    'ccl-account-recovered',
    'ccl-operation-submitted',
    'ccl-operation-pending',
    'ccl-operation-final',
    'ccl-error',
  ] as const
  for (const type of types) {
    element.addEventListener(type, (event) => {
      const item = document.createElement('li')
      const label = document.createElement('strong')
      label.textContent = type
      const body = document.createElement('code')
      body.textContent = JSON.stringify((event as CustomEvent).detail)
      item.append(label, ' ', body)
      list.prepend(item)
      while (list.childElementCount > 50) list.lastElementChild!.remove()
    })
  }
}
