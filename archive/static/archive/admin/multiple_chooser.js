/* The records of a many-to-many relation, chosen through Wagtail's own chooser modal
   (archive/admin/widgets.py, MultipleChooser). Listens on the document, so widgets added to the
   page later (an inline form) work too. */
(() => {
  const factories = new WeakMap();

  function factoryOf(widget) {
    if (!factories.has(widget)) {
      const definition = document.getElementById(widget.dataset.definition);
      factories.set(widget, window.telepath.unpack(JSON.parse(definition.textContent)));
    }
    return factories.get(widget);
  }

  function add(widget, result) {
    const id = String(result.id);
    const list = widget.querySelector('[data-multiple-chooser-list]');
    const inputs = list.querySelectorAll('input[type="hidden"]');
    if (Array.from(inputs).some((input) => input.value === id)) return;
    const template = widget.querySelector('[data-multiple-chooser-template]');
    const item = template.content.firstElementChild.cloneNode(true);
    item.querySelector('input').value = id;
    const label = item.querySelector('[data-multiple-chooser-label]');
    // Snippet choosers answer with "string" and "edit_url", the page chooser with
    // "adminTitle" and "editUrl".
    label.textContent = result.string || result.adminTitle || result.title || id;
    const editUrl = result.edit_url || result.editUrl;
    if (editUrl) {
      label.href = editUrl;
      label.target = '_blank';
      label.rel = 'noreferrer';
    }
    list.append(item);
    widget.dispatchEvent(new Event('change', { bubbles: true }));
  }

  document.addEventListener('click', (event) => {
    const addButton = event.target.closest('[data-multiple-chooser-add]');
    if (addButton) {
      const widget = addButton.closest('[data-multiple-chooser]');
      factoryOf(widget).openModal(
        (results) => [].concat(results).forEach((result) => add(widget, result)),
        { multiple: true },
      );
      return;
    }
    const removeButton = event.target.closest('[data-multiple-chooser-remove]');
    if (removeButton) {
      const widget = removeButton.closest('[data-multiple-chooser]');
      removeButton.closest('[data-multiple-chooser-item]').remove();
      widget.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });
})();
