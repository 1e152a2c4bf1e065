/** Spanish for the server's sentences (en-server.ts), in the words of the sidebar's Spanish catalog (es.ts). */
import type { ServerCatalog } from '..';

export const ES_SERVER: ServerCatalog = {
  NO_KEY: 'Peel necesita una clave de API de Gemini para poder crear imágenes.',
  NO_KEY_do: 'Abre Configuración y pega una clave de Google AI Studio (aistudio.google.com/apikey).',
  KEY_INVALID: 'Google no aceptó esta clave de API.',
  KEY_INVALID_do: 'Revisa la clave en Configuración o crea una nueva en Google AI Studio.',
  KEY_LEAKED: 'Google bloqueó esta clave de API porque se notificó que se había filtrado.',
  KEY_LEAKED_do: 'Crea una clave nueva en Google AI Studio y sustitúyela en Configuración.',
  KEY_SUSPENDED: 'El proyecto de Google Cloud de esta clave está suspendido.',
  KEY_SUSPENDED_do: 'Usa una clave de otro proyecto o ponte en contacto con el propietario del proyecto.',
  PERMISSION_DENIED: 'Esta clave no tiene permiso para usar el modelo de imágenes.',
  PERMISSION_DENIED_do:
    'Comprueba que la API de Gemini esté habilitada en el proyecto de la clave o prueba otro modelo.',
  BILLING_REQUIRED: 'Los modelos de imágenes de Gemini necesitan una clave de un proyecto con la facturación activada.',
  BILLING_REQUIRED_do: 'Activa la facturación del proyecto de la clave en Google AI Studio y vuelve a intentarlo.',
  WRONG_ACCOUNT:
    'Hay varias cuentas de Google abiertas en este navegador, y Google ejecutó Peel con la cuenta predeterminada en lugar de la cuenta con la que está abierto este archivo, así que rechazó la llamada.',
  WRONG_ACCOUNT_do:
    'Abre este archivo en una ventana con solo esa cuenta iniciada (sirve una ventana privada o de incógnito) o cierra la sesión de las demás cuentas; luego vuelve a abrir Peel.',
  MODEL_NOT_FOUND: 'Este modelo no está disponible (puede que se haya retirado).',
  MODEL_NOT_FOUND_do: 'Elige otro modelo en el menú de modelos.',
  UNSUPPORTED_OPTION: 'El modelo elegido no admite esta opción.',
  UNSUPPORTED_OPTION_do: 'Elige otra relación de aspecto u otro tamaño, u otro modelo.',
  RATE_LIMITED: 'Gemini está recibiendo demasiadas solicitudes de este proyecto en este momento.',
  RATE_LIMITED_do: 'Espera un momento y vuelve a intentarlo.',
  DAILY_QUOTA: 'Este proyecto ya ha usado su cuota de imágenes de hoy.',
  DAILY_QUOTA_do:
    'Vuelve a intentarlo después de la medianoche (hora del Pacífico) o usa una clave de un nivel superior.',
  SERVER_ERROR: 'Gemini tuvo un error interno.',
  SERVER_ERROR_do: 'Vuelve a intentarlo; si sigue pasando, prueba con un prompt más corto.',
  UNAVAILABLE: 'El modelo está sobrecargado en este momento.',
  UNAVAILABLE_do: 'Vuelve a intentarlo dentro de un minuto o elige un modelo más rápido.',
  DEADLINE: 'La imagen tardó más de lo que Google Workspace deja esperar a Peel (alrededor de un minuto).',
  DEADLINE_do: 'Prueba con un tamaño de imagen menor o un modelo más rápido.',
  PROMPT_BLOCKED: 'Gemini rechazó esta solicitud por su política de contenido.',
  PROMPT_BLOCKED_do: 'Reformula el prompt y vuelve a intentarlo.',
  IMAGE_BLOCKED: 'Gemini creó una imagen, pero la retuvo por su política de contenido.',
  IMAGE_BLOCKED_do: 'Reformula el prompt y vuelve a intentarlo.',
  MODEL_REFUSED: 'Gemini respondió con texto en lugar de una imagen.',
  MODEL_REFUSED_do: 'Lee su respuesta abajo y luego reformula el prompt.',
  NO_IMAGE: 'Gemini terminó sin crear ninguna imagen.',
  NO_IMAGE_do: 'Vuelve a intentarlo o describe la imagen de forma más concreta.',
  MISSING_THOUGHT_SIGNATURE: 'Gemini rechazó la solicitud porque una de sus imágenes había perdido su firma.',
  MISSING_THOUGHT_SIGNATURE_do: 'Vuelve a intentarlo; si sigue pasando, elige otro modelo.',
  REQUEST_TOO_LARGE: 'La solicitud es demasiado grande para enviarla.',
  REQUEST_TOO_LARGE_do: 'Acorta el prompt y vuelve a intentarlo.',
  INVALID_REQUEST: 'Gemini rechazó la solicitud.',
  INVALID_REQUEST_do: 'Prueba otra relación de aspecto, otro tamaño u otro modelo.',
  MALFORMED_RESPONSE: 'Gemini envió una respuesta que Peel no pudo leer.',
  MALFORMED_RESPONSE_do: 'Vuelve a intentarlo.',
  NETWORK: 'Peel no pudo conectar con Gemini.',
  NETWORK_do: 'Vuelve a intentarlo en un momento.',
  FETCH_NOT_ALLOWED:
    'Google Workspace no permitió que Peel contactara con Gemini en esta dirección (no está en la lista de direcciones permitidas del complemento).',
  FETCH_NOT_ALLOWED_do:
    'Pide a quien implementó Peel que permita esta dirección (para Vertex AI: compilarlo para esta ubicación).',
  BAD_INPUT: 'Algo de la solicitud no es correcto.',
  BAD_INPUT_do: 'Revisa los campos y vuelve a intentarlo.',
  UNSUPPORTED_HOST: 'Peel funciona en Presentaciones de Google y Documentos de Google.',
  UNSUPPORTED_HOST_do: 'Abre Peel desde una presentación o un documento.',
  UNSUPPORTED_SELECTION: 'No se puede poner una imagen donde está la selección.',
  UNSUPPORTED_SELECTION_do: 'Haz clic en el cuerpo del documento o selecciona una diapositiva y vuelve a intentarlo.',
  NO_TEXT_SELECTED: 'No hay texto seleccionado, así que Peel no tiene nada a partir de lo que escribir un prompt.',
  NO_TEXT_SELECTED_do:
    'Selecciona las palabras o los párrafos que debe mostrar la imagen y vuelve a pulsar «Ilustrar la selección»; o describe la imagen en el cuadro del prompt.',
  IMAGE_TOO_LARGE: 'La imagen es demasiado grande para que Google la inserte (más de 25 megapíxeles o 50 MB).',
  IMAGE_TOO_LARGE_do: 'Elige un tamaño menor.',
  PREVIEW_EXPIRED: 'Esta vista previa ha caducado: vuelve a generar la imagen para insertarla.',
  PREVIEW_EXPIRED_do:
    'Tu prompt se conserva: haz clic en Generar para obtener una vista previa nueva y luego en Insertar.',
  BUSY: 'Otra persona está cambiando los datos de Peel en este documento.',
  BUSY_do: 'Vuelve a intentarlo en unos segundos.',
  STORE_FULL:
    'La memoria de Peel en este documento está llena, así que no se guardó nada y el documento no ha cambiado.',
  STORE_FULL_do:
    'Libera espacio: termina o cancela un trabajo de presentación, o desfija los nombres que nadie usa. Las conversaciones de edición que nadie ha tocado en 6 horas liberan espacio por sí solas.',
  IMAGE_GONE: 'La imagen ya no está en el documento: alguien la eliminó o se movió a un lugar inaccesible.',
  IMAGE_GONE_do: 'Selecciona la imagen que quieres editar (o empieza una nueva) y vuelve a intentarlo.',
  SECTION_GONE:
    'La sección para la que se dibujó esta imagen ya no está en el documento: su encabezado se cambió o se eliminó.',
  SECTION_GONE_do: 'Omite esta imagen o vuelve a planificar el trabajo para ilustrar el documento tal como está ahora.',
  VERSION_UNAVAILABLE:
    'Esta versión se guarda en el Google Drive del colaborador que hizo esa edición, y Peel no puede abrirla desde tu cuenta.',
  VERSION_UNAVAILABLE_do: 'Pide a ese colaborador que abra Peel en esta imagen: puede compararla y restaurarla.',
  DRIVE_FULL: 'Tu Google Drive está lleno, así que Peel no puede guardar la versión que sustituye esta edición.',
  DRIVE_FULL_do: 'Libera espacio en Google Drive (o vacía la papelera) y vuelve a aplicar.',
  DRIVE_UNAVAILABLE: 'Google Drive, donde Peel guarda las versiones anteriores, no ha respondido ahora mismo.',
  DRIVE_UNAVAILABLE_do: 'Espera un minuto y vuelve a intentarlo; la imagen del documento no ha cambiado.',
  DRIVE_NOT_AUTHORIZED: 'Peel todavía no tiene permiso para guardar versiones en tu Google Drive.',
  DRIVE_NOT_AUTHORIZED_do:
    'Vuelve a cargar el documento y abre Peel de nuevo para aprobar el acceso (Peel solo ve los archivos que crea).',
  REFERENCE_EXPIRED: 'Peel ya no conserva una de las imágenes de referencia.',
  REFERENCE_EXPIRED_do:
    'Vuelve a añadir la referencia (desde el ordenador, el documento o su nombre) y vuelve a intentarlo.',
  REFERENCE_UNAVAILABLE: 'Peel no puede abrir la imagen de una referencia con nombre desde tu cuenta.',
  REFERENCE_UNAVAILABLE_do:
    'Vuelve a fijarla desde una imagen del documento, con el mismo nombre, para que todos puedan usarla.',
  REFERENCE_TOO_LARGE: 'Esta imagen es más grande de lo que Peel acepta como referencia.',
  REFERENCE_TOO_LARGE_do: 'Usa una imagen más pequeña, o redúcela y vuelve a añadirla.',
  REFERENCE_UNREADABLE: 'Este archivo no es una imagen que Peel pueda leer como referencia.',
  REFERENCE_UNREADABLE_do: 'Ábrelo en un editor de imágenes, guárdalo como PNG o JPEG y vuelve a añadirlo.',
  JOB_CAP: 'La siguiente imagen haría que este trabajo superara su límite de coste, así que Peel no la dibujó.',
  JOB_CAP_do: 'Revisa lo que está dibujado o vuelve a empezar el trabajo con un límite más alto.',
  SCOPE_NOT_GRANTED: 'Peel necesita un permiso que aún no le has dado, así que no se cambió ni se cobró nada.',
  SCOPE_NOT_GRANTED_do: 'Pulsa Conceder permiso, apruébalo en la ventana que se abre y vuelve a intentarlo.',
  POLICY: 'La configuración de Peel de tu organización no lo permite, así que no se envió ni se cobró nada.',
  POLICY_do: 'Elige lo que permite tu organización o consulta a tu administrador.',
  INTERNAL: 'Algo salió mal dentro de Peel.',
  INTERNAL_do: 'Vuelve a intentarlo; si sigue pasando, vuelve a cargar el documento.',
  SERVER_ERROR_refs:
    'Vuelve a intentarlo; si sigue pasando, prueba con un prompt más corto o menos imágenes de referencia.',
  PROMPT_BLOCKED_refs: 'Reformula el prompt o usa otras imágenes de referencia.',
  REQUEST_TOO_LARGE_refs: 'Usa menos imágenes de referencia o más pequeñas.',
  MISSING_THOUGHT_SIGNATURE_talk: 'Empieza una conversación nueva para esta imagen y vuelve a intentarlo.',
  REQUEST_TOO_LARGE_talk: 'Usa menos imágenes de referencia o más pequeñas, o empieza una conversación nueva.',
  SERVER_ERROR_talk: 'Vuelve a intentarlo; si sigue pasando, empieza una conversación nueva para esta imagen.',
  PREVIEW_EXPIRED_talk: 'Edita la imagen del documento en su lugar, o recupera una vista previa que aún se conserve.',
  switchModel: 'Cambia a {model} en el menú de modelos.',
  waitAbout: 'Espera unos {time} y vuelve a intentarlo.',
  seconds: { one: '{n} segundo', other: '{n} segundos' },
  minutes: { one: '{n} minuto', other: '{n} minutos' },
  charged:
    'Gemini sí envió una respuesta, y Google puede cobrarla, así que Peel sumó {usd} al total de este documento.',
  policyUnreadable:
    'No se pudo leer el ajuste {property} de tu organización (debería ser {expected}). Pide a tu administrador que lo corrija.',
  policyModel: 'Tu organización no permite {model}. Elige otro modelo en el menú.',
  policySize: 'Tu organización permite imágenes de hasta {size}. Elige {size} o menos.',
  policyPerson:
    'Esta imagen (unos {usd}) te haría superar el límite de tu organización de {limit} al mes por persona; este mes has gastado {spent}. Se renueva el día 1.',
  policyDocument:
    'Esta imagen (unos {usd}) haría que este documento superara el límite de tu organización de {limit} al mes; este mes ha gastado {spent}. Se renueva el día 1.',
  policyUploadsOff:
    'Tu organización ha desactivado las imágenes desde el ordenador. Usa imágenes de este archivo en su lugar.',
  policyJobsOff:
    'Tu organización ha desactivado ilustrar un archivo entero de una vez. Ilustra una diapositiva o una sección cada vez.',
  noteSize: 'Tu organización permite imágenes de hasta {size}.',
  noteModels: 'Tu organización elige qué modelos puedes usar.',
  notePerson: 'Tu organización permite {usd} al mes por persona.',
  noteDocument: 'Tu organización permite {usd} al mes por documento.',
  noteUploadsOff: 'Tu organización ha desactivado las imágenes desde el ordenador.',
  noteJobsOff: 'Tu organización ha desactivado ilustrar un archivo entero de una vez.',
  policyJobsNoEmail:
    'Tu organización solo permite ilustrar un archivo entero de una vez a algunas personas, y Google no le ha dicho a Peel quién eres. Ilustra una diapositiva o sección cada vez, o pregunta a tu administrador.',
  policyJobsNotListed:
    'Tu organización solo permite ilustrar un archivo entero de una vez a algunas personas, y {email} no está entre ellas. Ilustra una diapositiva o sección cada vez, o pregunta a tu administrador.',
  noteJobsSome: 'Tu organización solo permite ilustrar un archivo entero de una vez a algunas personas.',
  needsExternal:
    'Para crear y editar imágenes se necesita el permiso «Conectarse a un servicio externo»: Peel envía tu solicitud a la API de Gemini de Google.',
  needsDrive:
    'Para guardar la versión que sustituye un cambio se necesita el permiso «Ver, editar, crear y eliminar solo los archivos específicos de Google Drive que usas con esta aplicación». Insertar imágenes nuevas funciona sin él.',
  needsCloud:
    'Vertex AI necesita el permiso «Ver, editar, configurar y eliminar tus datos de Google Cloud», que el Peel de tu organización usa para llegar a su proyecto de Google Cloud.',
  needsOther: 'Para esto se necesita un permiso que aún no le has dado a Peel.',
  needsEmail:
    'Para ilustrar un archivo entero de una vez, Peel necesita tu dirección de correo: tu organización solo lo permite a algunas personas («Ver la dirección de correo electrónico principal de tu cuenta de Google»).',
  jobSlide: 'Diapositiva {n}: {title}',
  jobSlideN: 'Diapositiva {n}',
  jobSection: 'Sección {n}: {heading}',
  jobSectionN: 'Sección {n}',
  jobPicture: 'Diapositiva {n}, imagen {k}',
  jobPictureOn: 'Diapositiva {n}, imagen',
  jobAPicture: 'Una imagen',
  jobNoRoom: '{label} (sin espacio: irá en una diapositiva nueva después de esta)',
  jobGone: 'Este trabajo ha terminado o se canceló. Planifica uno nuevo.',
  jobDocsRestyle:
    'El cambio de estilo recorre las imágenes de una presentación de Presentaciones de Google. En Documentos de Google, edita las imágenes de una en una o ilustra el documento.',
  jobNoStyle:
    'Primero define el estilo de la presentación (y actívalo): el cambio de estilo vuelve a dibujar cada imagen con ese estilo.',
  jobSectionMissing:
    'Una sección del plan ya no está en el documento (su encabezado se cambió o se quitó). Vuelve a planificar el trabajo.',
  jobSlideMissing:
    'Una diapositiva o una imagen del plan ya no está en la presentación. Vuelve a planificar el trabajo.',
  jobRunningSlides: 'Ya tienes un trabajo en esta presentación: termínalo o cancélalo antes de empezar otro.',
  jobRunningDocs: 'Ya tienes un trabajo en este documento: termínalo o cancélalo antes de empezar otro.',
  jobNotKept: 'El trabajo se canceló o cambió mientras tanto; esta imagen se muestra, pero no se guarda en él.',
  jobDeckBusy:
    'La presentación estaba ocupada, así que esta propuesta se unirá al trabajo con tu siguiente elemento (o cuando vuelvas a abrir el trabajo).',
  jobEmptySlides: 'Elige al menos una diapositiva o una imagen.',
  jobEmptyDocs: 'Elige al menos una sección.',
  jobNoItem: 'Este trabajo no tiene ese elemento. Vuelve a planificar el trabajo.',
  itemWorking: 'Este elemento ya se está dibujando; no se envió nada.',
  itemProposed: 'Este elemento ya está propuesto; no se envió nada.',
  itemAccepted: 'Este elemento ya está aceptado; no se envió nada.',
  itemSkipped: 'Este elemento se omitió; no se envió nada.',
  itemFailed: 'Este elemento falló; no se envió nada.',
  itemLost: 'Este elemento se perdió; no se envió nada.',
  jobCap:
    'Dibujar esta imagen (unos {usd}) haría que el trabajo superara su límite de {cap} ({spent} gastados). Sube el límite volviendo a empezar el trabajo, u omite el resto.',
  jobCapDrawing:
    'Dibujar esta imagen (unos {usd}) haría que el trabajo superara su límite de {cap} ({spent} gastados, {n} en curso). Sube el límite volviendo a empezar el trabajo, u omite el resto.',
  jobLost:
    'La imagen de esta propuesta ya no se conserva (Google la borró de la caché de Peel), así que no hay nada que colocar. Vuelve a dibujarla u omítela.',
  placedAlready: 'Esta imagen ya está colocada.',
  onlyProposal: 'Solo se puede aceptar una propuesta.',
  placingAlready: 'Esta imagen ya se está colocando; mira su diapositiva en un momento.',
  skipWhileDrawn: 'Este elemento se está dibujando; omítelo cuando llegue su propuesta.',
  redrawWhileDrawn: 'Este elemento ya se está dibujando.',
  promptFirst: 'Primero escribe el prompt nuevo.',
  promptWhileDrawn: 'Este elemento se está dibujando; cambia su prompt cuando llegue su propuesta.',
  itemTooLong:
    'El prompt del elemento {i} tiene {length} caracteres, demasiado largo para guardarlo con el trabajo: acórtalo a unos {fits}.',
  promptTooLong:
    'Este prompt tiene {length} caracteres, demasiado largo para guardarlo con el trabajo: acórtalo a unos {fits}.',
  jobTooLarge:
    'Los prompts del trabajo ocupan {kb} KB, más de los {max} KB que Peel guarda para los trabajos en un documento: elige menos diapositivas o acorta los prompts.',
  busyWaited:
    'Un colaborador está guardando en este documento a través de Peel; Peel esperó {seconds} segundos a que terminara.',
  imageGoneMeanwhile:
    'Mientras tanto, la imagen se eliminó o se sacó del documento. Selecciona una imagen y vuelve a intentarlo.',
  pictureUnreadable: 'Peel no puede leer esta imagen. Prueba con otra o sustitúyela por una PNG o JPEG.',
  notIssued: 'Genera una imagen y luego insértala.',
  referenceTooBig:
    'Esta imagen es demasiado grande para que Peel la guarde como referencia. Usa una más pequeña (hasta 7 MB).',
  discardAtMost: 'Peel descarta como máximo {n} imágenes a la vez.',
  vertexNoKey: 'Esta implementación usa Vertex AI con tu cuenta de Google; no hay ninguna clave de API que probar.',
  openFromDocument: 'Abre Peel desde un documento.',
  namedAtMost: 'Un documento guarda como máximo {n} referencias con nombre. Desfija una primero.',
  slideNoText: 'Esta diapositiva no tiene texto que ilustrar. Describe la imagen que quieres.',
  noProposal: 'Este elemento no tiene ninguna propuesta que mostrar. Dibújalo primero.',
  orgKeyForEveryone: 'La clave de tu organización se usa para todos, así que Peel no guarda una clave propia tuya.',
  modelIdShape: 'Un ID de modelo se parece a los del menú de modelos: letras minúsculas, dígitos, puntos y guiones.',
  keyShape:
    'Pega la clave tal como la muestra Google AI Studio (las claves nuevas empiezan por AQ. y las antiguas por AIza).',
  unknownName: 'Este documento ya no tiene ninguna referencia llamada «{name}»: alguien la desfijó.',
  pinnedPictureGone: 'La imagen desde la que se fijó «{name}» ya no está en el documento.',
  keptInYourDrive:
    '«{name}» se guarda en tu Google Drive (el archivo se eliminó), y Peel no puede abrirlo desde tu cuenta.',
  keptInTheirDrive:
    '«{name}» se guarda en el Google Drive del colaborador que la fijó, y Peel no puede abrirla desde tu cuenta.',
  sayWhatChanges: 'Primero di qué debe cambiar.',
  drawsAtMost:
    '{model} dibuja como máximo a {largest}. Elige un modelo que dibuje a {size} para representar esta imagen con más nitidez.',
  unreadableAnswer: 'Gemini envió una imagen {type} que Peel no puede leer ni insertar.',
  readsTypes: 'Gemini lee imágenes PNG, JPEG, WebP y HEIC, no {type}.',
  describeImage: 'Describe la imagen.',
  variantsRange: 'Pide de 1 a {max} variantes.',
  requestTooBig: 'La solicitud ocuparía {mb} MB; Google Workspace envía como máximo 50 MB.',
  vertexImageSize: 'Vertex AI acepta imágenes de hasta 7 MB cada una.',
  addressTooLong:
    'La dirección de la solicitud es más larga de lo que permite Apps Script (2 KB). Revisa el ID del modelo y el proyecto de Vertex AI.',
  answerCutOff: 'La respuesta llegó cortada o dañada.',
  previewKept:
    'Peel guarda las imágenes creadas {minutes} minutos para colocarlas (las propuestas de un trabajo de presentación, {hours} horas), y Google puede borrarlas antes.',
  referenceKept: 'Peel guarda las imágenes de referencia hasta {hours} horas, y Google puede borrarlas antes.',
  vertexLocationShape: '{property} debería ser una ubicación de Google Cloud, como global o us-central1.',
  vertexLocationBuilt:
    'Esta copia de Peel se compiló para Vertex AI en {built}, pero {property} indica {location}. Compílala con --vertex-location {location} o establece {property} en {built}.',
  styleRefsNotSent: 'No se enviaron las imágenes de referencia del estilo: {why}',
  chainPreviewGone:
    'La vista previa de la que parte esta edición ya no se conserva ({why}), así que no se envió ni se cobró nada.',
  chainOtherPicture: 'Esa vista previa es una edición de otra imagen. Selecciona esa imagen para continuar desde ella.',
  regionQuickEdit:
    'Una parte marcada va con un cambio que escribes, no con una edición rápida. Quita la parte marcada o escribe el cambio.',
  regionNoCorners:
    'No se pueden leer las esquinas de la parte marcada. Vuelve a arrastrar sobre la parte que quieres cambiar.',
  regionNotWhole: 'La parte marcada no está en píxeles enteros. Vuelve a arrastrar sobre la parte que quieres cambiar.',
  regionEmpty: 'La parte marcada está vacía. Arrastra sobre la parte de la imagen que quieres cambiar.',
  regionOutside:
    'La parte marcada queda fuera de la imagen ({width}×{height} píxeles). Marca una parte dentro de ella.',
  markedNotPicture: 'La copia marcada no es una imagen PNG ni JPEG. Vuelve a marcar la parte que quieres cambiar.',
  markedNotDrawn:
    'La copia marcada no se hizo a partir de la imagen tal como está ({width}×{height} píxeles): puede que la imagen haya cambiado desde entonces. Vuelve a marcar la parte que quieres cambiar.',
  newNotEdit: 'Esta imagen es nueva: insértala en su lugar.',
  cutoutRefused: '{why} La imagen conserva su fondo.',
  keptRefused: '{why} La edición queda tal como la dibujó Gemini.',
  cutoutWhich:
    'Solo se puede conservar así una imagen que Peel pidió sobre un color clave («Quitar el fondo») o una edición limitada a una parte marcada.',
  cutoutNotAlpha: 'El recorte no es un PNG con canal alfa.',
  cutoutSize: 'El recorte mide {size}, no {width}×{height} como la imagen de la que se recortó.',
  cutoutNoSize:
    'No se puede leer el tamaño del recorte; debería medir {width}×{height} como la imagen de la que se recortó.',
  keptNotPng: 'La imagen enviada no es un PNG.',
  keptSize: 'La imagen enviada mide {size}, no {width}×{height} como la imagen de la que partió la edición.',
  keptNoSize:
    'No se puede leer el tamaño de la imagen enviada; debería medir {width}×{height} como la imagen de la que partió la edición.',
  restyleChanged:
    '{changed}. Vuelve a generar este elemento para cambiar el estilo de la imagen tal como está ahora, u omítelo.',
  namedTooLarge:
    '«{name}» mide {width}×{height} píxeles ({megapixels} megapíxeles); Peel acepta imágenes de {max} megapíxeles como máximo. Deja de fijarla y fija una imagen más pequeña con su nombre.',
  optionRefs: '{model} admite hasta {max} imágenes de referencia.',
  optionDraws: '{model} dibuja en {list}.',
  optionThinks: '{model} piensa en los niveles {list}.',
  optionNoThinking: '{model} no tiene un nivel de razonamiento que elegir.',
  quickNoBackground: 'Di de qué color o con qué escena debe ser el fondo.',
  quickRatio: 'Elige una relación de aspecto como 16:9.',
  quickNoTheme: 'El tema de esta diapositiva no ofrece colores que Peel pueda leer.',
  refsNotAllKept:
    'Estas imágenes de referencia juntas superan lo que Peel conserva para ti a la vez (unos {mb} MB). Usa menos imágenes o más pequeñas.',
  docsNoBackground: 'Documentos de Google no tiene fondo de diapositiva; inserta la imagen en su lugar.',
  docsNoParagraph: 'Peel no puede añadir un párrafo aquí. Haz clic en el cuerpo del documento.',
  docsSelectToReplace:
    'Selecciona la imagen insertada en el texto que quieres reemplazar (haz clic en ella una vez) y vuelve a insertar.',
  docsNotAtCursor: 'No se puede poner una imagen en el cursor. Haz clic en el cuerpo del documento.',
  sectionGone:
    'El encabezado de esta sección ya no está en el documento, así que su imagen no tiene adónde ir. Omítela.',
  modelUnknown: 'Peel aún no conoce este modelo: funciona con opciones básicas.',
  modelShutdown: 'Google retirará este modelo el {date}.',
  modelShutdownSwitch: 'Google retirará este modelo el {date}. Cambia a {model}.',
};
